// Types of the public surface (index.js). Models are plain objects with the wire's
// camelCase names; unknown fields are kept, hence the index signatures.

export type SigningStatus =
  | 'DRAFT'
  | 'SIGNING_PENDING'
  | 'SIGNING_COMPLETED'
  | 'COMPLETED'
  | 'ARCHIVED'
  | 'DECLINED'
  | 'OPTED_OUT'
  | 'EXPIRED'
  | 'CANCELED'
  | 'DELETED'
  | (string & {})
export declare const SigningStatus: { readonly [K in Exclude<SigningStatus, string & {}> as K]: K }

export type PackageStatus = 'DRAFT' | 'SENT' | 'COMPLETED' | 'ARCHIVED' | 'DECLINED' | 'OPTED_OUT' | 'EXPIRED' | (string & {})

export interface SignerAuth {
  scheme?: string
  challenges?: unknown[]
  [field: string]: unknown
}

export interface Delivery {
  email?: boolean
  download?: boolean
  provider?: boolean
  [field: string]: unknown
}

export interface EmailMessage {
  content?: string
  [field: string]: unknown
}

/** The person behind a role. The email identifies the signer wherever an ID is taken. */
export interface Signer {
  id?: string
  email?: string
  firstName?: string
  lastName?: string
  company?: string
  title?: string
  phone?: string
  language?: string
  auth?: SignerAuth
  delivery?: Delivery
  created?: string
  updated?: string
  [field: string]: unknown
}

/** A role: a placeholder bound to signature fields, holding the signer who fills it. */
export interface Role {
  id?: string
  name?: string
  type?: 'SIGNER' | 'SENDER' | (string & {})
  index?: number
  reassign?: boolean
  locked?: boolean
  emailMessage?: EmailMessage
  signers?: Signer[]
  [field: string]: unknown
}

export interface Field {
  id?: string
  type?: string
  subtype?: string
  page?: number
  top?: number
  left?: number
  width?: number
  height?: number
  [field: string]: unknown
}

export interface Approval {
  id?: string
  role?: string
  fields?: Field[]
  [field: string]: unknown
}

export interface Document {
  id?: string
  name?: string
  index?: number
  approvals?: Approval[]
  [field: string]: unknown
}

/** A package (the web UI's "transaction"). */
export interface Package {
  id?: string
  name?: string
  description?: string
  status?: PackageStatus
  emailMessage?: string
  autocomplete?: boolean
  due?: string | null
  roles?: Role[]
  documents?: Document[]
  settings?: Record<string, unknown>
  sender?: Record<string, unknown>
  created?: string
  updated?: string
  [field: string]: unknown
}

/** The account's event-notification configuration. */
export interface CallbackConfig {
  url?: string
  key?: string
  events?: string[]
  [field: string]: unknown
}

/** A document to upload with a new package. */
export interface DocumentInput {
  name: string
  content: Buffer
}

export interface ClientOptions {
  apiKey?: string
  clientId?: string
  clientSecret?: string
  /** `sandbox`, `us`, `ca_sandbox`, `ca`, `eu` or `au`. */
  environment?: string
  /** Any base URL (the emulator, a proxy); wins over `environment`. */
  baseUrl?: string
  /** Total time one call may take, retries included (default 60000). */
  timeoutMs?: number
  /** Retries after the first attempt, for failures safe to retry (default 2). */
  maxRetries?: number
}

export interface Packages {
  create(pkg: Package, documents?: DocumentInput[]): Promise<string>
  get(packageId: string): Promise<Package>
  update(packageId: string, pkg: Package): Promise<void>
  send(packageId: string): Promise<void>
  delete(packageId: string): Promise<void>
  signingStatus(packageId: string, signer?: string | null, document?: string | null): Promise<SigningStatus>
}

export interface Roles {
  list(packageId: string): Promise<Role[]>
  get(packageId: string, roleId: string): Promise<Role>
  create(packageId: string, role: Role): Promise<Role>
  update(packageId: string, roleId: string, role: Role): Promise<Role>
  delete(packageId: string, roleId: string): Promise<void>
  reorder(packageId: string, roleIds: string[]): Promise<Role[]>
  unlockSigner(packageId: string, roleId: string): Promise<void>
  sendEmailNotification(packageId: string, roleId: string): Promise<void>
  sendSmsPasscode(packageId: string, roleId: string): Promise<void>
  signingUrl(packageId: string, roleId: string): Promise<string>
  signatureImage(packageId: string, roleId: string, format?: 'png' | 'jpeg' | 'gif'): Promise<Buffer>
}

export interface AuthTokens {
  createSingleUse(packageId: string, signer: string): Promise<string>
  createMultiUse(packageId: string, signer: string): Promise<string>
  createSignerToken(packageId: string, signer: string): Promise<string>
  /** The signing-session URL for `token`; no request is made. */
  signingUrl(token: string): string
}

export interface Callbacks {
  get(): Promise<CallbackConfig>
  set(config: CallbackConfig): Promise<CallbackConfig>
  delete(): Promise<void>
}

/** A OneSpan Sign client. Methods return Promises; one client is safe to share. */
export declare class Client {
  constructor(options?: ClientOptions)
  readonly packages: Packages
  readonly roles: Roles
  readonly authTokens: AuthTokens
  readonly callbacks: Callbacks
  readonly baseUrl: string
  /** A client with other limits for the calls made through it; shares connections and tokens. */
  withOptions(options: { timeoutMs?: number; maxRetries?: number }): Client
}

export * from './emulator'

export interface ErrorFields {
  status?: number | null
  messageKey?: string | null
  technical?: string | null
  body?: string | null
  message?: string
}

/** Base of every error the SDK raises. */
export declare class OneSpanError extends Error {
  constructor(message: string, fields?: ErrorFields)
  readonly status: number | null
  readonly messageKey: string | null
  readonly technical: string | null
  readonly body: string | null
  /** The full description: status, message and key. */
  readonly detail: string
}
/** The server answered with an error status; `message` is OneSpan's message. */
export declare class ApiError extends OneSpanError {}
export declare class BadRequestError extends ApiError {}
export declare class AuthenticationError extends ApiError {}
export declare class PermissionDeniedError extends ApiError {}
export declare class NotFoundError extends ApiError {}
export declare class ConflictError extends ApiError {}
export declare class RateLimitError extends ApiError {}
export declare class ServerError extends ApiError {}
export declare class TransportError extends OneSpanError {}
export declare class TimeoutError extends OneSpanError {}
export declare class InvalidArgumentError extends OneSpanError {}
export declare class UnexpectedResponseError extends OneSpanError {}
export declare class WebhookVerificationError extends OneSpanError {}
export declare class WebhookParseError extends OneSpanError {}

/** Turns an error thrown by the native addon into the matching exported class. */
export declare function fromNative(err: unknown): unknown

/** An event name OneSpan documents; newer names arrive as plain strings. */
export type WebhookEventName =
  | 'PACKAGE_CREATE'
  | 'PACKAGE_ACTIVATE'
  | 'PACKAGE_DEACTIVATE'
  | 'PACKAGE_READY_FOR_COMPLETE'
  | 'PACKAGE_COMPLETE'
  | 'PACKAGE_ARCHIVE'
  | 'PACKAGE_TRASH'
  | 'PACKAGE_RESTORE'
  | 'PACKAGE_DELETE'
  | 'PACKAGE_DECLINE'
  | 'PACKAGE_EXPIRE'
  | 'PACKAGE_OPT_OUT'
  | 'PACKAGE_ATTACHMENT'
  | 'DOCUMENT_SIGNED'
  | 'SIGNER_COMPLETE'
  | 'ROLE_REASSIGN'
  | 'SIGNER_LOCKED'
  | 'KBA_FAILURE'
  | 'EMAIL_BOUNCE'
  | 'COBROWSE_REQUEST'
  | 'TEMPLATE_CREATE'
  | 'DOCUMENT_VIEWED'
  | (string & {})
export declare const WebhookEventName: { readonly [K in Exclude<WebhookEventName, string & {}> as K]: K }

/** A OneSpan Sign event notification. */
export interface WebhookEvent {
  /** The event name as sent, also when this version does not know it. */
  name: WebhookEventName
  packageId: string | null
  /** Set for DOCUMENT_SIGNED. */
  documentId: string | null
  /** The sender's ID for sender-triggered events, the signer's for signer-triggered ones. */
  sessionUser: string | null
  /** The reason, for declines and opt-outs. */
  message: string | null
  createdDate: string | null
  /** The whole payload as received. */
  raw: Record<string, unknown>
}

/**
 * Checks that `authorization` (the request's Authorization header value) carries
 * `callbackKey`, then parses `body` (the raw request body). Throws WebhookVerificationError
 * for a missing header, an empty key or a mismatch, WebhookParseError for a body that is
 * not a OneSpan event.
 */
export declare function verifyWebhook(
  body: Buffer | string,
  authorization: string | null | undefined,
  callbackKey: string,
): WebhookEvent
/** Parses `body` without checking any key. Throws WebhookParseError. */
export declare function parseWebhook(body: Buffer | string): WebhookEvent
/** Bodies longer than this many bytes (1 MiB) are refused before parsing. */
export declare const WEBHOOK_MAX_BODY_BYTES: number
