//! [`EventView`]: an event's typed fields read straight from its body, borrowing from it,
//! without building `raw` — for the bindings, whose languages build `raw` themselves only
//! when it is read (Node, WebAssembly, C), or convert it from the core's map on demand
//! (Python).
//!
//! The body is walked once with serde_json's own deserializer, every value visited as a
//! `serde_json::Value` would be (`deserialize_any` all the way down: the same number
//! parsing, string escapes, depth limit and errors) but nothing kept except the six typed
//! fields. So a body is accepted or refused here exactly when [`super::parse_with`] accepts
//! or refuses it, with the same message; `core/tests/webhook.rs` runs every shared vector
//! through both.

use super::{not_json, parse_error, parse_map, EventName};
use crate::error::Result;
use crate::models::{Event, Fields, Slot, TypedFields};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt;

/// A checked event: its typed fields, borrowed from the body where the body holds them
/// without escapes, and the body's text. [`EventView::raw`] parses the payload when asked;
/// [`EventView::to_event`] gives the [`Event`] that [`super::parse`] would have.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct EventView<'a> {
    /// Which event this is.
    pub name: EventName,
    /// The package (transaction) the event is about.
    pub package_id: Option<Cow<'a, str>>,
    /// The document, for `DOCUMENT_SIGNED`.
    pub document_id: Option<Cow<'a, str>>,
    /// The sender's ID for sender-triggered events, the signer's for signer-triggered ones.
    pub session_user: Option<Cow<'a, str>>,
    /// The reason, for declines and opt-outs.
    pub message: Option<Cow<'a, str>>,
    /// When the event happened, as sent.
    pub created_date: Option<Cow<'a, str>>,
    text: Cow<'a, str>,
}

impl<'a> EventView<'a> {
    /// The body, as received: UTF-8 JSON text holding the event's object.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The whole payload, as [`Event::raw`] holds it (parsed now, from [`EventView::text`]).
    pub fn raw(&self) -> Map<String, Value> {
        // The walk accepted this text, and reading it into a map accepts the same texts: an
        // error here cannot happen, and would give an empty map rather than a panic.
        match parse_map(&self.text) {
            Ok(Ok(map)) => map,
            Ok(Err(_)) | Err(_) => Map::new(),
        }
    }

    /// The [`Event`] that [`super::parse`] gives for the same body.
    pub fn to_event(&self) -> Event {
        let text = |v: &Option<Cow<'_, str>>| v.as_deref().map(str::to_string);
        Event {
            name: self.name.clone(),
            package_id: text(&self.package_id),
            document_id: text(&self.document_id),
            session_user: text(&self.session_user),
            message: text(&self.message),
            created_date: text(&self.created_date),
            raw: self.raw(),
        }
    }

    /// The six typed fields in the order `name`, `packageId`, `documentId`, `sessionUser`,
    /// `message`, `createdDate`; `None` where absent.
    pub fn fields(&self) -> [Option<&str>; 6] {
        [
            Some(self.name.as_str()),
            self.package_id.as_deref(),
            self.document_id.as_deref(),
            self.session_user.as_deref(),
            self.message.as_deref(),
            self.created_date.as_deref(),
        ]
    }

    /// The six typed fields ([`EventView::fields`]) as one string, for the JavaScript
    /// bindings: one string crosses into V8 far more cheaply than six set into an array or
    /// object, and `webhook_event.js` (generated from codegen/templates) cuts it with
    /// `indexOf` and `slice`. The fields are separated by U+0000 and an absent one is a lone
    /// U+0001. `None` when a field holds U+0000 or is exactly U+0001 (JSON escapes allow
    /// both): the binding then sends the fields another way.
    pub fn joined_fields(&self) -> Option<String> {
        let fields = self.fields();
        let plain = fields
            .iter()
            .flatten()
            .all(|f| *f != ABSENT && !f.contains(SEPARATOR));
        if !plain {
            return None;
        }
        let size: usize = fields
            .iter()
            .map(|f| f.map_or(ABSENT.len(), str::len) + 1)
            .sum();
        let mut out = String::with_capacity(size);
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                out.push(SEPARATOR);
            }
            out.push_str(field.unwrap_or(ABSENT));
        }
        Some(out)
    }

    /// The same view, owning its text and fields.
    pub fn into_owned(self) -> EventView<'static> {
        let owned = |v: Option<Cow<'a, str>>| v.map(|s| Cow::Owned(s.into_owned()));
        EventView {
            name: self.name,
            package_id: owned(self.package_id),
            document_id: owned(self.document_id),
            session_user: owned(self.session_user),
            message: owned(self.message),
            created_date: owned(self.created_date),
            text: Cow::Owned(self.text.into_owned()),
        }
    }
}

/// Separates the fields of [`EventView::joined_fields`].
const SEPARATOR: char = '\0';
/// Stands for an absent field in [`EventView::joined_fields`].
const ABSENT: &str = "\u{1}";

/// Walks `text` (already checked for size and UTF-8) into a view.
pub(super) fn walk(text: &str) -> Result<EventView<'_>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let top = Top
        .deserialize(&mut de)
        .and_then(|top| de.end().map(|()| top))
        .map_err(not_json)?;
    let fields = match top {
        Ok(fields) => fields,
        Err(kind) => {
            return Err(parse_error(format!(
                "the body is a JSON {kind}, not an object"
            )))
        }
    };
    let TypedFields {
        name,
        package_id,
        document_id,
        session_user,
        message,
        created_date,
    } = fields.finish().map_err(parse_error)?;
    Ok(EventView {
        name,
        package_id,
        document_id,
        session_user,
        message,
        created_date,
        text: Cow::Borrowed(text),
    })
}

/// The document: an object's typed fields, or the JSON type of anything else.
struct Top;

impl<'de> DeserializeSeed<'de> for Top {
    type Value = std::result::Result<Fields<'de>, &'static str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top {
    type Value = std::result::Result<Fields<'de>, &'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut access: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = access.next_key::<Text<'de>>()? {
            match fields.slot(&key.0) {
                Some(slot) => *slot = Slot::of(access.next_value::<Field<'de>>()?.0),
                None => access.next_value::<Skip>().map(|_| ())?,
            }
        }
        Ok(Ok(fields))
    }

    // Not an object: only its type is reported, as `parse_with` does.
    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Err("array"))
    }
    fn visit_bool<E>(self, _: bool) -> std::result::Result<Self::Value, E> {
        Ok(Err("boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<Self::Value, E> {
        Ok(Err("number"))
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<Self::Value, E> {
        Ok(Err("number"))
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<Self::Value, E> {
        Ok(Err("number"))
    }
    fn visit_str<E>(self, _: &str) -> std::result::Result<Self::Value, E> {
        Ok(Err("string"))
    }
    fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
        Ok(Err("null"))
    }
}

/// A string, borrowed from the body when it holds no escape.
struct Text<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> std::result::Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> std::result::Result<Self::Value, E> {
                Ok(Text(Cow::Owned(s.to_string())))
            }
            fn visit_string<E>(self, s: String) -> std::result::Result<Self::Value, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// A typed field's value: the string, or `None` for any other value (visited in full).
struct Field<'de>(Option<Cow<'de, str>>);

impl<'de> de::Deserialize<'de> for Field<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Field<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> std::result::Result<Self::Value, E> {
                Ok(Field(Some(Cow::Borrowed(s))))
            }
            fn visit_str<E>(self, s: &str) -> std::result::Result<Self::Value, E> {
                Ok(Field(Some(Cow::Owned(s.to_string()))))
            }
            fn visit_string<E>(self, s: String) -> std::result::Result<Self::Value, E> {
                Ok(Field(Some(Cow::Owned(s))))
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<Self::Value, E> {
                Ok(Field(None))
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<Self::Value, E> {
                Ok(Field(None))
            }
            fn visit_u64<E>(self, _: u64) -> std::result::Result<Self::Value, E> {
                Ok(Field(None))
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Self::Value, E> {
                Ok(Field(None))
            }
            fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
                Ok(Field(None))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                a: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                SkipVisitor.visit_map(a).map(|_| Field(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                a: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                SkipVisitor.visit_seq(a).map(|_| Field(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// Any JSON value, read in full as a `Value` would be and then dropped.
///
/// Not serde's `IgnoredAny` as a `Deserialize`: serde_json skips those with a faster scan that
/// checks less (it does not parse numbers, so `1e400` would pass where a `Value` refuses it).
struct Skip;

impl<'de> de::Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E>(self, _: &str) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_unit<E>(self) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Skip, A::Error> {
        // Keys as strings (as a `Value`'s map reads them), values in full.
        while map.next_key::<KeyText>()?.is_some() {
            map.next_value::<Skip>()?;
        }
        Ok(Skip)
    }
}

/// A nested object's key: read as a string, as a `Value` map's key is, then dropped.
struct KeyText;

impl<'de> de::Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_str(IgnoredAnyStr).map(|_| KeyText)
    }
}

struct IgnoredAnyStr;

impl<'de> Visitor<'de> for IgnoredAnyStr {
    type Value = IgnoredAny;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E>(self, _: &str) -> std::result::Result<IgnoredAny, E> {
        Ok(IgnoredAny)
    }
}
