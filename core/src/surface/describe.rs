//! The endpoint table as data, for `codegen` to write stubs and TypeScript declarations.

/// One argument of an endpoint.
#[derive(Debug, Clone, Copy)]
pub struct Arg {
    /// snake_case name (Node uses its camelCase form).
    pub name: &'static str,
    /// The kind, as written in the table (`Id`, `Model<Package>`, ...).
    pub kind: &'static str,
    /// Whether it may be left out (`= None` in the table).
    pub optional: bool,
}

/// One endpoint.
#[derive(Debug, Clone, Copy)]
pub struct Method {
    /// snake_case name.
    pub name: &'static str,
    /// Doc comment lines.
    pub doc: &'static [&'static str],
    /// Its arguments, in order.
    pub args: &'static [Arg],
    /// The core's result type, as written in the table (`Package`, `Vec<Role>`, `()`, ...).
    pub returns: &'static str,
    /// `false` for the `local` group's entries, which make no request and are never
    /// awaitable.
    pub sends_request: bool,
}

/// One service (a resource handle such as `client.packages`).
#[derive(Debug, Clone, Copy)]
pub struct Service {
    /// The class name (`Packages`).
    pub class: &'static str,
    /// The client's attribute (`packages`; Node camelCase).
    pub attr: &'static str,
    /// Doc comment lines.
    pub doc: &'static [&'static str],
    /// Its endpoints.
    pub methods: &'static [Method],
}

macro_rules! describe {
    (@services $([$class:ident $attr:ident [$($sdoc:literal),*] [
        $([$name:ident [$($mdoc:literal),*] [$([$arg:ident $kind:ty [$($default:tt)?]])*] $group:ident $ret:ty])*
    ]])*) => {
        /// Every service of the endpoint table, in order.
        pub const SERVICES: &[Service] = &[$(
            Service {
                class: stringify!($class),
                attr: stringify!($attr),
                doc: &[$($sdoc),*],
                methods: &[$(
                    Method {
                        name: stringify!($name),
                        doc: &[$($mdoc),*],
                        args: &[$(Arg {
                            name: stringify!($arg),
                            kind: stringify!($kind),
                            optional: describe!(@optional $($default)?),
                        }),*],
                        returns: stringify!($ret),
                        sends_request: describe!(@sends $group),
                    },
                )*],
            }
        ),*];
    };
    (@optional) => { false };
    (@optional None) => { true };
    (@sends request) => { true };
    (@sends local) => { false };
    // One entry at a time is for the bindings; the description needs them all at once.
    (@$event:ident $($entry:tt)*) => {};
}

crate::for_each_service!(describe);

/// The JSON Schema of every model, enum and event the bindings expose, as `$defs` of one
/// document (schemars, from the core's own serde definitions).
pub fn schemas() -> serde_json::Value {
    use crate::models::{
        CallbackConfig, Event, EventName, Package, PackageStatus, Role, RoleType, SigningStatus,
    };
    let mut generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    // Roots, in the order the generated files list them; what they reference comes along.
    let _ = generator.subschema_for::<Package>();
    let _ = generator.subschema_for::<Role>();
    let _ = generator.subschema_for::<CallbackConfig>();
    let _ = generator.subschema_for::<PackageStatus>();
    let _ = generator.subschema_for::<RoleType>();
    let _ = generator.subschema_for::<SigningStatus>();
    let _ = generator.subschema_for::<EventName>();
    let _ = generator.subschema_for::<Event>();
    serde_json::Value::Object(generator.take_definitions(true))
}
