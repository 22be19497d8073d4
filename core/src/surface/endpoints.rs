//! The one table of endpoints that every binding exposes.
//!
//! Each binding expands [`for_each_service!`](crate::for_each_service) with a macro of its
//! own that turns every entry into a method: the Python binding into a blocking and an
//! asyncio class, the Node binding into Promise methods, and `codegen` into stubs and
//! TypeScript declarations. Adding an endpoint is one entry here plus its core method; the
//! bindings call the core method with the arguments listed, so an entry that does not
//! match the core's signature does not compile.
//!
//! Grammar of an entry:
//!
//! ```text
//! /// doc comment (becomes the class's docstring / JSDoc)
//! Class attr {
//!     /// doc comment (becomes the method's docstring / JSDoc)
//!     name(arg: Kind, opt: Kind = None) -> ReturnType;   // sends a request: awaitable
//! } @local {
//!     name(arg: Kind) -> ReturnType;                     // no request: never awaitable
//! }
//! ```
//!
//! The `@local` group is separate (and optional) because a binding declares the two kinds
//! differently (`async fn` or not), and attribute macros such as `#[pymethods]` and
//! `#[napi]` must see each method whole, so the choice cannot be a macro call per method.
//!
//! The argument kinds are a fixed vocabulary that each binding defines as its own types
//! (each with a `get()` that lends the core's argument type):
//!
//! | kind | core argument | Python | TypeScript |
//! |---|---|---|---|
//! | `Id` | `&str`, checked by the core | `str` | `string` |
//! | `OptId` | `Option<&str>` | `Optional[str]` | `string \| null` |
//! | `OptText` | `Option<&str>` (a choice with a core default) | `Optional[str]` | `string \| null` |
//! | `Ids` | `&[String]` | `Sequence[str]` | `string[]` |
//! | `Model<T>` | `&T`, from the model or its wire JSON | `T \| Mapping` | `T` |
//! | `Uploads` | `&[DocumentUpload]` | `Sequence[Tuple[str, bytes]]` | `DocumentInput[]` |
//! | `Flag` | `bool`, `false` when left out | `Optional[bool]` | `boolean` |
//! | `OptCount` | `Option<u32>` | `Optional[int]` | `number` |
//! | `OptTime` | `Option<SystemTime>` | `Optional[datetime]` (timezone-aware) | `Date` |
//! | `Sink` | `&Sink`, memory when left out | a path or a binary file object | a path or a `Writable` |
//!
//! Only trailing arguments may be optional, and they are written `= None`.

/// Calls `$callback!` with every service and its endpoints. See the module docs.
#[macro_export]
#[doc(hidden)]
macro_rules! for_each_service {
    ($callback:ident) => {
        $crate::__service_events! { $callback;
            /// Packages (transactions): create, get, update, send, delete, signing status,
            /// status changes, listing, audit trail and evidence summary.
            Packages packages {
                /// Creates a package (a model or its wire JSON), uploading `documents` with it
                /// (each a file name and its bytes); returns the new package's ID.
                create(package: Model<Package>, documents: Uploads = None) -> String;
                /// The package with `package_id`.
                get(package_id: Id) -> Package;
                /// Updates the package with the fields set in `package`.
                update(package_id: Id, package: Model<Package>) -> ();
                /// Sends the package to its signers (DRAFT → SENT).
                send(package_id: Id) -> ();
                /// Deletes the package.
                delete(package_id: Id) -> ();
                /// The signing status of the package, or of one signer (ID or email) and/or
                /// document.
                signing_status(package_id: Id, signer: OptId = None, document: OptId = None) -> SigningStatus;
                /// Moves the package to the trash.
                trash(package_id: Id) -> ();
                /// Takes the package out of the trash.
                restore(package_id: Id) -> ();
                /// Archives a completed package.
                archive(package_id: Id) -> ();
                /// Completes a package created with `autocomplete: false` whose signers are
                /// all done (after `PACKAGE_READY_FOR_COMPLETE`).
                mark_complete(package_id: Id) -> ();
                /// Takes a sent package back to DRAFT.
                to_draft(package_id: Id) -> ();
                /// Creates a package from the template `template_id`; `package`'s roles fill
                /// the template's placeholders. Returns the new package's ID.
                create_from_template(template_id: Id, package: Model<Package>) -> String;
                /// The evidence summary PDF: bytes, or with `to` (a path or a binary file)
                /// streamed there, returning the number of bytes written.
                evidence_summary(package_id: Id, to: Sink = None) -> Download;
                /// The package's audit trail.
                audit(package_id: Id) -> Vec<AuditEvent>;
            } @local {
                /// The packages with `status` (or in the `INBOX` / `TRASH` folder), last
                /// updated within `updated_after`..`updated_before`, matching `search`: an
                /// iterator that fetches `page_size` (default 50) at a time as it is consumed.
                list(status: OptText = None, updated_after: OptTime = None, updated_before: OptTime = None, search: OptText = None, page_size: OptCount = None) -> Pages<Package>;
            }
            /// A package's documents: upload, read, update, delete, download.
            Documents documents {
                /// Uploads documents (each a file name and its bytes) in one request; returns
                /// them as stored.
                upload(package_id: Id, documents: Uploads) -> Vec<Document>;
                /// The package's documents (its `default-consent` included).
                list(package_id: Id) -> Vec<Document>;
                /// One document.
                get(package_id: Id, document_id: Id) -> Document;
                /// Updates a document's metadata; returns it as stored.
                update(package_id: Id, document_id: Id, document: Model<Document>) -> Document;
                /// Removes a document.
                delete(package_id: Id, document_id: Id) -> ();
                /// The document as a PDF, signed or as it stands (`flatten`: flattened): bytes,
                /// or with `to` (a path or a binary file) streamed there, returning the number
                /// of bytes written.
                download(package_id: Id, document_id: Id, flatten: Flag = None, to: Sink = None) -> Download;
                /// The file as uploaded: bytes, or streamed to `to`.
                download_original(package_id: Id, document_id: Id, to: Sink = None) -> Download;
                /// Every document in one zip (`flatten`: flattened): bytes, or streamed to `to`.
                download_zip(package_id: Id, flatten: Flag = None, to: Sink = None) -> Download;
            }
            /// Templates: packages that new packages are made from.
            Templates templates {
                /// Creates a template (a package model or its wire JSON), uploading
                /// `documents` with it; returns its ID.
                create(package: Model<Package>, documents: Uploads = None) -> String;
            } @local {
                /// The account's templates: an iterator that fetches `page_size` (default
                /// 50) at a time as it is consumed.
                list(page_size: OptCount = None) -> Pages<Package>;
            }
            /// Roles and their signers within a package.
            Roles roles {
                /// The package's roles, in signing order.
                list(package_id: Id) -> Vec<Role>;
                /// One role.
                get(package_id: Id, role_id: Id) -> Role;
                /// Adds a role (a model or its wire JSON); returns it as stored.
                create(package_id: Id, role: Model<Role>) -> Role;
                /// Updates a role; returns it as stored.
                update(package_id: Id, role_id: Id, role: Model<Role>) -> Role;
                /// Removes a role.
                delete(package_id: Id, role_id: Id) -> ();
                /// Sets the signing order to `role_ids`; returns the roles.
                reorder(package_id: Id, role_ids: Ids) -> Vec<Role>;
                /// Unlocks a signer locked out by failed authentication.
                unlock_signer(package_id: Id, role_id: Id) -> ();
                /// Emails the role's signer an invitation or reminder.
                send_email_notification(package_id: Id, role_id: Id) -> ();
                /// Texts the role's signer an SMS authentication passcode.
                send_sms_passcode(package_id: Id, role_id: Id) -> ();
                /// The role's reusable signing URL (it does not expire: not for iframes).
                signing_url(package_id: Id, role_id: Id) -> String;
                /// The signer's captured signature as image bytes; `format` is `png` (the
                /// default), `jpeg` or `gif`.
                signature_image(package_id: Id, role_id: Id, format: OptText = None) -> Bytes;
            }
            /// Signer and sender authentication tokens and the URLs built from them.
            AuthTokens auth_tokens {
                /// A single-use signer authentication token (`signer`: ID or email).
                create_single_use(package_id: Id, signer: Id) -> String;
                /// A multi-use signer authentication token.
                create_multi_use(package_id: Id, signer: Id) -> String;
                /// A signer authentication token (`/api/signerAuthenticationTokens`).
                create_signer_token(package_id: Id, signer: Id) -> String;
                /// A single-use sender authentication token that opens the designer of
                /// `package_id` (see `designer_url`).
                create_sender_token(package_id: Id) -> String;
            } @local {
                /// The signing-session URL for a signer `token`; with `package_id` it opens
                /// that package's signing page (`target`). No request is made.
                signing_url(token: Id, package_id: OptId = None) -> String;
                /// The URL that opens the designer of `package_id` with a sender `token`.
                /// No request is made.
                designer_url(token: Id, package_id: Id) -> String;
            }
            /// The account's senders: their signature images.
            Senders senders {
                /// The sender's signature as image bytes; `format` is `png` (the default),
                /// `jpeg` or `gif`.
                signature_image(sender_id: Id, format: OptText = None) -> Bytes;
                /// Deletes the sender's signature image.
                delete_signature_image(sender_id: Id) -> ();
            }
            /// The account's event-notification (webhook) configuration.
            Callbacks callbacks {
                /// The current callback configuration: the account's, or with `origin` a
                /// connector's (`dynamics`, `sharepoint`, `dynamics2011`, `dynamics2013`,
                /// `dynamics2015`, `sharepoint2010`, `sharepoint2013`, `salesforceOauth2`).
                get(origin: OptText = None) -> CallbackConfig;
                /// Replaces the configuration (a model or its wire JSON), the account's or a
                /// connector's; whatever the service answers is ignored.
                set(config: Model<CallbackConfig>, origin: OptText = None) -> ();
                /// Stops event notifications: registers no events, keeping the URL and key
                /// (the service has no DELETE for the configuration).
                disable() -> ();
            } @local {
                /// The callback `key` of the `salesforceOauth2` connector: base64 of
                /// `{"host", "client_id", "refresh_token"}`. No request is made; it holds
                /// the refresh token, so keep it secret.
                salesforce_key(host: Id, client_id: Id, refresh_token: Id) -> String;
            }
        }
    };
}

/// Reads the table's grammar — the one place that does — and calls `$cb!` once per
/// service, once per method and once with everything, each in a flat shape:
///
/// ```text
/// $cb! { @service Class attr [docs] }
/// $cb! { @request Class attr name [docs] (arg: Kind, opt: Kind = None) -> Ret }
/// $cb! { @local   Class attr name [docs] (arg: Kind) -> Ret }
/// $cb! { @services [Class attr [docs] [[name [docs] [[arg Kind [None?]]...] request|local Ret]...]]... }
/// ```
///
/// A binding expands a method into an `impl` block of its own (pyo3's
/// `multiple-pymethods`; napi numbers each `#[napi] impl`), so no binding restates the
/// grammar; `@services` is for what needs every service at once (registration, the
/// client's attributes, [`describe`](super::describe)).
#[macro_export]
#[doc(hidden)]
macro_rules! __service_events {
    ($cb:ident; $(
        $(#[doc = $sdoc:literal])*
        $class:ident $attr:ident {
            $(
                $(#[doc = $mdoc:literal])*
                $name:ident ( $($arg:ident : $kind:ty $(= $default:tt)?),* $(,)? ) -> $ret:ty;
            )*
        } $(@local {
            $(
                $(#[doc = $ldoc:literal])*
                $lname:ident ( $($larg:ident : $lkind:ty $(= $ldefault:tt)?),* $(,)? ) -> $lret:ty;
            )*
        })?
    )*) => {
        $(
            $cb! { @service $class $attr [$($sdoc),*] }
            $(
                $cb! { @request $class $attr $name [$($mdoc),*] ($($arg: $kind $(= $default)?),*) -> $ret }
            )*
            $($(
                $cb! { @local $class $attr $lname [$($ldoc),*] ($($larg: $lkind $(= $ldefault)?),*) -> $lret }
            )*)?
        )*
        $cb! { @services $(
            [$class $attr [$($sdoc),*] [
                $([$name [$($mdoc),*] [$([$arg $kind [$($default)?]])*] request $ret])*
                $($([$lname [$($ldoc),*] [$([$larg $lkind [$($ldefault)?]])*] local $lret])*)?
            ]]
        )* }
    };
}
