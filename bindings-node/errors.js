'use strict'
// The error classes every method raises.

/** Base of every error the SDK raises. */
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
    /** The full description: status, message and key. */
    this.detail = fields.message ?? message
  }
}
class ApiError extends OneSpanError {}
class BadRequestError extends ApiError {}
class AuthenticationError extends ApiError {}
class PermissionDeniedError extends ApiError {}
class NotFoundError extends ApiError {}
class ConflictError extends ApiError {}
class RateLimitError extends ApiError {}
class ServerError extends ApiError {}
class TransportError extends OneSpanError {}
class TimeoutError extends OneSpanError {}
class InvalidArgumentError extends OneSpanError {}
class UnexpectedResponseError extends OneSpanError {}
class WebhookVerificationError extends OneSpanError {}
class WebhookParseError extends OneSpanError {}

const CLASSES = {
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  ServerError,
  TransportError,
  OneSpanTimeoutError: TimeoutError,
  InvalidArgumentError,
  UnexpectedResponseError,
  WebhookVerificationError,
  WebhookParseError,
}

module.exports = { OneSpanError, CLASSES, ...CLASSES }
