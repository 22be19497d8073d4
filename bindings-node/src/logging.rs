//! The `logger` option: the core's log events, sent to a JavaScript function.
//!
//! The core emits `tracing` events (target `onespan_sign`) for each attempt, retry and
//! API-token fetch, with no secret in them (core/src/transport.rs). A client built with a
//! logger runs its calls under a [`tracing::Dispatch`] of its own
//! (`ClientBuilder::log_dispatch`) whose subscriber, [`JsLog`], turns each event into
//! JSON text `{ message, fields }` (field names in camelCase: `durationMs`) and queues it
//! to the JavaScript sink the facade made from the logger (index.js calls
//! `logger.debug(message, fields)`). The queue is a napi threadsafe function, so events
//! raised on tokio's threads reach the JS thread in order; it is weak, so a client with a
//! logger does not keep Node running.

use napi::bindgen_prelude::Function;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::Status;
use onespan_sign::surface::options::camel;
use serde_json::{Map, Value};
use std::fmt;
use tracing::field::{Field, Visit};
use tracing::level_filters::LevelFilter;
use tracing::span;
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata, Subscriber};

/// The target of the core's events.
const TARGET: &str = "onespan_sign";

type Sink = ThreadsafeFunction<String, (), String, Status, false, true>;

/// A subscriber that forwards the core's DEBUG (and more severe) events to JavaScript.
struct JsLog {
    sink: Sink,
}

/// A dispatch that sends the core's events to `sink`, a JS function of one string.
pub fn dispatch(sink: Function<'_, String, ()>) -> napi::Result<tracing::Dispatch> {
    let sink: Sink = sink
        .build_threadsafe_function::<String>()
        .callee_handled::<false>()
        .weak::<true>()
        .build()?;
    Ok(tracing::Dispatch::new(JsLog { sink }))
}

impl JsLog {
    fn wanted(metadata: &Metadata<'_>) -> bool {
        *metadata.level() <= Level::DEBUG
            && (metadata.target() == TARGET
                || metadata.target().starts_with(concat!("onespan_sign", "::")))
    }
}

impl Subscriber for JsLog {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
        if Self::wanted(metadata) {
            Interest::always()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        Self::wanted(metadata)
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        Some(LevelFilter::DEBUG)
    }

    // The core's events carry all they say in their fields; spans are not forwarded.
    fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
        span::Id::from_u64(1)
    }

    fn record(&self, _: &span::Id, _: &span::Record<'_>) {}

    fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let record = serde_json::json!({
            "message": fields.message.unwrap_or_default(),
            "level": event.metadata().level().as_str().to_ascii_lowercase(),
            "fields": fields.values,
        });
        // NonBlocking on an unbounded queue: never waits; fails only once Node is closing.
        let _ = self
            .sink
            .call(record.to_string(), ThreadsafeFunctionCallMode::NonBlocking);
    }

    fn enter(&self, _: &span::Id) {}

    fn exit(&self, _: &span::Id) {}
}

/// An event's fields as JSON, camelCase names; `message` apart.
#[derive(Default)]
struct Fields {
    message: Option<String>,
    values: Map<String, Value>,
}

impl Fields {
    fn put(&mut self, field: &Field, value: Value) {
        if field.name() == "message" {
            self.message = Some(match value {
                Value::String(s) => s,
                other => other.to_string(),
            });
        } else {
            self.values.insert(camel(field.name()), value);
        }
    }
}

impl Visit for Fields {
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.put(field, value.into());
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.put(field, value.into());
    }

    fn record_f64(&mut self, field: &Field, value: f64) {
        self.put(field, value.into());
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.put(field, value.into());
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.put(field, value.into());
    }

    // `%value` (Display) fields and the message arrive here, already formatted.
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.put(field, format!("{value:?}").into());
    }
}
