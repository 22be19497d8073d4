'use strict'
// The package's public surface: the native classes, with every error they raise turned
// into one of the exported Error subclasses by `fromNative`. No endpoint logic lives here.

const util = require('node:util')
const native = require('./native.js')
const { Emulator } = require('./emulator.js')
const errors = require('./errors.js')
const { fromNative, guarded } = require('./guarded.js')

/** A resource handle whose methods map their errors. */
function service(target) {
  const wrapped = Object.create(null)
  let proto = Object.getPrototypeOf(target)
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name !== 'constructor' && typeof proto[name] === 'function') {
      wrapped[name] = guarded(proto[name]).bind(target)
    }
  }
  return Object.freeze(wrapped)
}

/** Lets `withOptions` wrap an existing native client; not part of the API. */
const WRAP = Symbol('wrap')

/** A OneSpan Sign client. Methods return Promises; one client is safe to share. */
class Client {
  #native
  constructor(options) {
    this.#native = options?.[WRAP] ?? guarded(() => new native.Client(options))()
    this.packages = service(this.#native.packages)
    this.roles = service(this.#native.roles)
    this.authTokens = service(this.#native.authTokens)
    this.callbacks = service(this.#native.callbacks)
    Object.freeze(this)
  }

  /** The base URL requests go to. */
  get baseUrl() {
    return this.#native.baseUrl
  }

  /**
   * A client with other limits (`{ timeoutMs, maxRetries }`) for the calls made through it,
   * sharing this one's connections and token cache.
   */
  withOptions(options) {
    return new Client({ [WRAP]: guarded(() => this.#native.withOptions(options))() })
  }

  toString() {
    return `Client(baseUrl=${this.baseUrl})`
  }

  [util.inspect.custom]() {
    return this.toString()
  }
}

/** The values `packages.signingStatus` resolves to (new values may appear). */
const SigningStatus = Object.freeze({
  DRAFT: 'DRAFT',
  SIGNING_PENDING: 'SIGNING_PENDING',
  SIGNING_COMPLETED: 'SIGNING_COMPLETED',
  COMPLETED: 'COMPLETED',
  ARCHIVED: 'ARCHIVED',
  DECLINED: 'DECLINED',
  OPTED_OUT: 'OPTED_OUT',
  EXPIRED: 'EXPIRED',
  CANCELED: 'CANCELED',
  DELETED: 'DELETED',
})

/**
 * Checks that `authorization` (the request's Authorization header value, or null) carries
 * `callbackKey`, then parses `body` (the raw request body, Buffer or string) into a
 * WebhookEvent. Throws WebhookVerificationError or WebhookParseError.
 */
const verifyWebhook = guarded(native.verifyWebhook)

/** Parses `body` (Buffer or string) into a WebhookEvent without checking any key. */
const parseWebhook = guarded(native.parseWebhook)

/** Bodies longer than this many bytes (1 MiB) are refused before parsing. */
const WEBHOOK_MAX_BODY_BYTES = native.WEBHOOK_MAX_BODY_BYTES

/** The event names OneSpan documents (`WebhookEvent.name` may also be a newer one). */
const WebhookEventName = Object.freeze(
  Object.fromEntries(
    [
      'PACKAGE_CREATE',
      'PACKAGE_ACTIVATE',
      'PACKAGE_DEACTIVATE',
      'PACKAGE_READY_FOR_COMPLETE',
      'PACKAGE_COMPLETE',
      'PACKAGE_ARCHIVE',
      'PACKAGE_TRASH',
      'PACKAGE_RESTORE',
      'PACKAGE_DELETE',
      'PACKAGE_DECLINE',
      'PACKAGE_EXPIRE',
      'PACKAGE_OPT_OUT',
      'PACKAGE_ATTACHMENT',
      'DOCUMENT_SIGNED',
      'SIGNER_COMPLETE',
      'ROLE_REASSIGN',
      'SIGNER_LOCKED',
      'KBA_FAILURE',
      'EMAIL_BOUNCE',
      'COBROWSE_REQUEST',
      'TEMPLATE_CREATE',
      'DOCUMENT_VIEWED',
    ].map((n) => [n, n]),
  ),
)

module.exports = {
  Client,
  Emulator,
  SigningStatus,
  OneSpanError: errors.OneSpanError,
  ApiError: errors.ApiError,
  BadRequestError: errors.BadRequestError,
  AuthenticationError: errors.AuthenticationError,
  PermissionDeniedError: errors.PermissionDeniedError,
  NotFoundError: errors.NotFoundError,
  ConflictError: errors.ConflictError,
  RateLimitError: errors.RateLimitError,
  ServerError: errors.ServerError,
  TransportError: errors.TransportError,
  TimeoutError: errors.OneSpanTimeoutError,
  InvalidArgumentError: errors.InvalidArgumentError,
  UnexpectedResponseError: errors.UnexpectedResponseError,
  WebhookVerificationError: errors.WebhookVerificationError,
  WebhookParseError: errors.WebhookParseError,
  fromNative,
  verifyWebhook,
  parseWebhook,
  WebhookEventName,
  WEBHOOK_MAX_BODY_BYTES,
}
