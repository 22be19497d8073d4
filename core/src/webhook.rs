//! Verifying and parsing OneSpan Sign event notifications (webhooks).
