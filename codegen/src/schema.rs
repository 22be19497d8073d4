//! Reads the core's JSON Schemas into the few shapes the writers need.

use serde_json::{Map, Value};

/// A field's type, as the writers map it to each language.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Str,
    Int,
    Float,
    Bool,
    /// Any JSON.
    Any,
    /// A JSON object of anything.
    Object,
    /// An open string enum, by name.
    Enum(String),
    /// A model, by name.
    Model(String),
    List(Box<Ty>),
}

/// One field of a model.
#[derive(Debug, Clone)]
pub struct Field {
    /// The wire (camelCase) name.
    pub wire: String,
    /// The Python attribute (snake_case of the wire name).
    pub attr: String,
    pub ty: Ty,
    /// Always present (required in the schema), as the event's fields are.
    pub required: bool,
    pub secret: bool,
    pub doc: Option<String>,
}

/// A model (a JSON object type).
#[derive(Debug, Clone)]
pub struct Model {
    pub name: String,
    pub doc: String,
    pub fields: Vec<Field>,
}

/// An open string enum.
#[derive(Debug, Clone)]
pub struct Enum {
    pub name: String,
    pub doc: String,
    /// Wire value and its doc.
    pub values: Vec<(String, String)>,
}

pub struct Schemas {
    pub models: Vec<Model>,
    pub enums: Vec<Enum>,
}

/// `firstName` → `first_name`.
pub fn snake(camel: &str) -> String {
    let mut out = String::new();
    for c in camel.chars() {
        if c == '-' {
            // kebab-case wire names (the audit trail's `date-time`)
            out.push('_');
        } else if c.is_ascii_uppercase() {
            if !out.is_empty() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Doc text with the leading space of each `///` line and blank edges removed.
pub fn clean_doc(raw: &str) -> String {
    let lines: Vec<&str> = raw
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    lines.join("\n").trim().to_string()
}

fn ref_name(v: &Value) -> Option<String> {
    v.get("$ref")?
        .as_str()?
        .strip_prefix("#/$defs/")
        .map(str::to_string)
}

fn ty_of(v: &Value, defs: &Map<String, Value>) -> Ty {
    if let Some(name) = ref_name(v) {
        let is_enum = defs.get(&name).and_then(|d| d.get("x-open-enum")).is_some();
        return if is_enum {
            Ty::Enum(name)
        } else {
            Ty::Model(name)
        };
    }
    if let Some(any) = v.get("anyOf").and_then(Value::as_array) {
        // Option<Model>: [{$ref}, {type: null}]
        if let Some(inner) = any
            .iter()
            .find(|s| s.get("type") != Some(&Value::from("null")))
        {
            return ty_of(inner, defs);
        }
    }
    let types: Vec<&str> = match v.get("type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let main = types.iter().find(|t| **t != "null").copied();
    match main {
        Some("string") => Ty::Str,
        Some("integer") => Ty::Int,
        Some("number") => Ty::Float,
        Some("boolean") => Ty::Bool,
        Some("array") => Ty::List(Box::new(
            v.get("items").map(|i| ty_of(i, defs)).unwrap_or(Ty::Any),
        )),
        Some("object") => Ty::Object,
        _ => Ty::Any,
    }
}

/// The core's schemas, models and enums in the core's order.
pub fn read(doc: &Value) -> Schemas {
    let empty = Map::new();
    let defs = doc.as_object().unwrap_or(&empty);
    let mut models = Vec::new();
    let mut enums = Vec::new();
    for (name, def) in defs {
        let doc = clean_doc(def.get("description").and_then(Value::as_str).unwrap_or(""));
        if def.get("x-open-enum").is_some() {
            let values = def["enum"].as_array().cloned().unwrap_or_default();
            let docs = def["x-enum-docs"].as_array().cloned().unwrap_or_default();
            enums.push(Enum {
                name: name.clone(),
                doc,
                values: values
                    .iter()
                    .zip(docs.iter().chain(std::iter::repeat(&Value::Null)))
                    .map(|(v, d)| {
                        (
                            v.as_str().unwrap_or_default().to_string(),
                            clean_doc(d.as_str().unwrap_or("")),
                        )
                    })
                    .collect(),
            });
            continue;
        }
        let required: Vec<&str> = def
            .get("required")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let props = def
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let fields = props
            .iter()
            .map(|(wire, p)| Field {
                wire: wire.clone(),
                attr: snake(wire),
                ty: ty_of(p, defs),
                required: required.contains(&wire.as_str()),
                secret: p.get("x-secret").is_some(),
                doc: p.get("description").and_then(Value::as_str).map(clean_doc),
            })
            .collect();
        models.push(Model {
            name: name.clone(),
            doc,
            fields,
        });
    }
    Schemas { models, enums }
}

impl Schemas {
    /// The models in an order where each comes after the models its fields hold.
    pub fn models_in_dependency_order(&self) -> Vec<&Model> {
        let mut out: Vec<&Model> = Vec::new();
        fn visit<'a>(m: &'a Model, all: &'a [Model], out: &mut Vec<&'a Model>) {
            if out.iter().any(|o| o.name == m.name) {
                return;
            }
            for f in &m.fields {
                let mut t = &f.ty;
                while let Ty::List(inner) = t {
                    t = inner;
                }
                if let Ty::Model(n) = t {
                    if let Some(dep) = all.iter().find(|x| &x.name == n) {
                        visit(dep, all, out);
                    }
                }
            }
            out.push(m);
        }
        for m in &self.models {
            visit(m, &self.models, &mut out);
        }
        out
    }
}
