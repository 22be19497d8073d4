
/** Base of every error the SDK raises; raised itself only for a bug in the SDK. */
class OneSpanError extends Error {
  constructor(message, fields = {}) {
    super(message)
    this.name = new.target.name
    /** HTTP status of the answer, when there was one. */
    this.status = fields.status ?? null
    /** OneSpan's machine-readable key, e.g. `error.validation.invalidState`. */
    this.messageKey = fields.messageKey ?? null
    /** OneSpan's technical detail. */
    this.technical = fields.technical ?? null
    /** The raw answer body, as text. */
    this.body = fields.body ?? null
    /** Milliseconds the server asked to wait (`Retry-After`), when it did. */
    this.retryAfterMs = fields.retryAfterMs ?? null
    /** The full description: status, message and key. */
    this.detail = fields.detail ?? message
  }
}
