//! Arguments the bindings hand over as JSON, read into the core's models.
//!
//! The checks and the wording live here so that both bindings refuse the same inputs with
//! the same message, in the caller's words: `list`/`dict` in Python, `array`/`object` in
//! Node, never a Rust type name.

use super::options::Naming;
use crate::{Error, Result};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The name of a JSON value's type, as the binding's language calls it.
pub fn type_name(v: &Value, naming: Naming) -> &'static str {
    match (v, naming) {
        (Value::Null, Naming::Snake) => "None",
        (Value::Null, Naming::Camel) => "null",
        (Value::Bool(_), Naming::Snake) => "bool",
        (Value::Bool(_), Naming::Camel) => "boolean",
        (Value::Number(n), Naming::Snake) if n.is_f64() => "float",
        (Value::Number(_), Naming::Snake) => "int",
        (Value::Number(_), Naming::Camel) => "number",
        (Value::String(_), Naming::Snake) => "str",
        (Value::String(_), Naming::Camel) => "string",
        (Value::Array(_), Naming::Snake) => "list",
        (Value::Array(_), Naming::Camel) => "array",
        (Value::Object(_), Naming::Snake) => "dict",
        (Value::Object(_), Naming::Camel) => "object",
    }
}

/// Reads `value` (a model's wire JSON) as `T`; `what` names the argument in errors.
///
/// Refuses a snake_case key whose camelCase form is one of the model's fields
/// (`first_name` for `firstName`): kept as an unknown field it would be sent as is and
/// silently ignored by the service, so the caller's value would be lost.
pub fn model<T: DeserializeOwned + JsonSchema + 'static>(
    value: Value,
    what: &str,
    naming: Naming,
) -> Result<T> {
    let shape = match naming {
        Naming::Snake => "a dict",
        Naming::Camel => "an object",
    };
    if !value.is_object() {
        return Err(Error::invalid(format!(
            "{what} must be a {} or {shape} of its wire JSON, not {}",
            T::schema_name(),
            type_name(&value, naming)
        )));
    }
    let schema = schema_of::<T>();
    let root = schema.as_ref();
    let defs = root.get("$defs").and_then(Value::as_object);
    check_keys(&value, root, defs, what)?;
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." {
            what.to_string()
        } else {
            format!("{what}.{path}")
        };
        let msg = e.into_inner().to_string();
        match must_be(&msg, naming) {
            Some(must) => Error::invalid(format!("{at} {must}")),
            None => Error::invalid(format!("{at}: {}", plain_words(&msg, naming))),
        }
    })
}

/// `T`'s JSON Schema, made once per type: building it walks every nested model.
fn schema_of<T: JsonSchema + 'static>() -> Arc<Value> {
    static CACHE: OnceLock<Mutex<HashMap<TypeId, Arc<Value>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let made = || {
        let schema = schemars::SchemaGenerator::default().into_root_schema_for::<T>();
        Arc::new(schema.to_value())
    };
    match cache.lock() {
        Ok(mut map) => map.entry(TypeId::of::<T>()).or_insert_with(made).clone(),
        // A poisoned cache only costs the rebuild.
        Err(_) => made(),
    }
}

fn resolve<'a>(schema: &'a Value, defs: Option<&'a Map<String, Value>>) -> &'a Value {
    let mut s = schema;
    // Option<Model> is `anyOf: [{$ref}, {type: null}]`.
    if let Some(first) = s
        .get("anyOf")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
    {
        s = first;
    }
    if let Some(name) = s
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        if let Some(def) = defs.and_then(|d| d.get(name)) {
            return def;
        }
    }
    s
}

fn check_keys(
    value: &Value,
    schema: &Value,
    defs: Option<&Map<String, Value>>,
    at: &str,
) -> Result<()> {
    let schema = resolve(schema, defs);
    match value {
        Value::Object(map) => {
            let Some(props) = schema.get("properties").and_then(Value::as_object) else {
                return Ok(());
            };
            for (key, v) in map {
                if let Some(sub) = props.get(key) {
                    check_keys(v, sub, defs, &format!("{at}.{key}"))?;
                } else if key.contains('_') {
                    let camel = super::options::camel(key);
                    if props.contains_key(&camel) {
                        return Err(Error::invalid(format!(
                            "{at} has the key {key:?}: wire JSON names it {camel:?} \
                             (dicts and objects take the API's camelCase names; model \
                             classes take snake_case keywords)"
                        )));
                    }
                }
            }
            Ok(())
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (i, v) in items.iter().enumerate() {
                    check_keys(v, item_schema, defs, &format!("{at}[{i}]"))?;
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// serde's "invalid type: integer `1`, expected a string" as "must be a str, not int" (or
/// "must be a string, not number"), the way every other argument error is worded; `None`
/// for messages of another form.
fn must_be(msg: &str, naming: Naming) -> Option<String> {
    let (rest, with_value) = if let Some(rest) = msg.strip_prefix("invalid type: ") {
        (rest, false)
    } else if let Some(rest) = msg.strip_prefix("invalid value: ") {
        (rest, true)
    } else {
        return None;
    };
    let (unexpected, expected) = rest.split_once(", expected ")?;
    let got = got_type(unexpected, naming);
    // For a value of the right type that is out of range (-1 where 0 or more is needed),
    // the value says more than its type.
    let value = unexpected
        .split_once('`')
        .and_then(|(_, v)| v.strip_suffix('`'))
        .filter(|_| with_value);
    let not = match value {
        Some(v) => v.to_string(),
        None => got.to_string(),
    };
    Some(format!("must be {}, not {not}", wanted(expected, naming)))
}

/// The type serde saw ("integer `1`", "map", "null"), as the binding's language calls it.
fn got_type(unexpected: &str, naming: Naming) -> &str {
    let snake = naming == Naming::Snake;
    let words: [(&str, &str, &str); 9] = [
        ("boolean", "bool", "boolean"),
        ("integer", "int", "number"),
        ("floating point", "float", "number"),
        ("string", "str", "string"),
        ("character", "str", "string"),
        ("sequence", "list", "array"),
        ("map", "dict", "object"),
        ("null", "None", "null"),
        ("unit value", "None", "null"),
    ];
    for (serde, py, js) in words {
        if unexpected.starts_with(serde) {
            return if snake { py } else { js };
        }
    }
    unexpected
}

/// What serde expected ("a string", "i64", "struct Role"), in the binding's words.
fn wanted(expected: &str, naming: Naming) -> String {
    let snake = naming == Naming::Snake;
    let pick = |py: &str, js: &str| {
        if snake {
            py.to_string()
        } else {
            js.to_string()
        }
    };
    match expected {
        "a string" | "a borrowed string" | "string" | "a character" => pick("a str", "a string"),
        "a boolean" => pick("a bool", "a boolean"),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number".to_string(),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => {
            "a whole number of at least 0".to_string()
        }
        "f32" | "f64" => "a number".to_string(),
        "a sequence" => pick("a list", "an array"),
        "a map" => pick("a dict", "an object"),
        "unit" => pick("None", "null"),
        other if other.starts_with("struct ") || other.starts_with("a map ") => {
            pick("a dict", "an object")
        }
        other => plain_words(other, naming),
    }
}

/// serde's other messages name Rust types ("expected i64", "a sequence"); say it the
/// caller's way.
fn plain_words(msg: &str, naming: Naming) -> String {
    let (list, map) = match naming {
        Naming::Snake => ("a list", "a dict"),
        Naming::Camel => ("an array", "an object"),
    };
    let mut out = msg.to_string();
    for (rust, plain) in [
        ("i64", "a whole number"),
        ("u64", "a whole number"),
        ("i32", "a whole number"),
        ("u32", "a whole number"),
        ("f64", "a number"),
        ("a sequence", list),
        ("a map", map),
        ("string", "text"),
    ] {
        out = out.replace(&format!("expected {rust}"), &format!("expected {plain}"));
        if out.starts_with(rust) && out.len() == rust.len() {
            out = plain.to_string();
        }
    }
    // "struct Role" and the like.
    if let Some(i) = out.find("expected struct ") {
        out.replace_range(i.., &format!("expected {map}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{Package, Role};
    use serde_json::json;

    #[test]
    fn snake_case_keys_of_known_fields_are_refused_with_the_wire_name() {
        let v = json!({"name": "x", "roles": [{"signers": [{"first_name": "Ann"}]}]});
        let e = model::<Package>(v, "package", Naming::Snake)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("package.roles[0].signers[0]"), "{e}");
        assert!(
            e.contains("\"first_name\"") && e.contains("\"firstName\""),
            "{e}"
        );
    }

    #[test]
    fn unknown_keys_are_kept_and_types_are_named_in_the_callers_words() {
        let r: Option<Role> = model(json!({"id": "r", "x_custom": 1}), "role", Naming::Snake).ok();
        assert_eq!(r.map(|r| r.extra.contains_key("x_custom")), Some(true));
        let e = model::<Role>(json!({"index": "one"}), "role", Naming::Camel)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("role.index") && !e.contains("i64"), "{e}");
        assert_eq!(
            e,
            "invalid argument: role.index must be a whole number, not string"
        );
        let e = model::<Role>(json!([1]), "role", Naming::Snake)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("role must be a Role or a dict of its wire JSON") && e.contains("not list"),
            "{e}"
        );
    }

    #[test]
    fn wrong_field_types_are_worded_like_every_other_argument_error() {
        let cases = [
            (
                json!({"name": 1}),
                Naming::Snake,
                "package.name must be a str, not int",
            ),
            (
                json!({"name": 1}),
                Naming::Camel,
                "package.name must be a string, not number",
            ),
            (
                json!({"roles": {"id": "r"}}),
                Naming::Snake,
                "package.roles must be a list, not dict",
            ),
            (
                json!({"roles": [7]}),
                Naming::Snake,
                "package.roles[0] must be a dict, not int",
            ),
            (
                json!({"roles": [7]}),
                Naming::Camel,
                "package.roles[0] must be an object, not number",
            ),
            (
                json!({"autocomplete": "yes"}),
                Naming::Snake,
                "package.autocomplete must be a bool, not str",
            ),
            (
                json!({"name": [1]}),
                Naming::Snake,
                "package.name must be a str, not list",
            ),
            (
                json!({"roles": [{"index": 1.5}]}),
                Naming::Snake,
                "package.roles[0].index must be a whole number, not float",
            ),
        ];
        for (value, naming, want) in cases {
            let e = model::<Package>(value, "package", naming)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert_eq!(e, format!("invalid argument: {want}"));
        }
    }
}
