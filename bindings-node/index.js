'use strict'
// The package's public surface: the native classes, with every error they raise turned
// into one of the exported Error subclasses by `fromNative`. No endpoint logic lives here.

const util = require('node:util')
const native = require('./native.js')

/** Must match MARKER in src/errors.rs. */
const MARKER = '__onespan_error__'

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

/** Turns an error thrown by the native addon into the matching exported class. */
function fromNative(err) {
  if (!(err instanceof Error) || typeof err.message !== 'string' || !err.message.startsWith(MARKER)) {
    return err
  }
  let fields
  try {
    fields = JSON.parse(err.message.slice(MARKER.length))
  } catch {
    return new OneSpanError(err.message.slice(MARKER.length))
  }
  const Cls = CLASSES[fields.class] || OneSpanError
  // API errors carry OneSpan's own message; the rest carry the SDK's description.
  return new Cls(fields.serverMessage ?? fields.message, fields)
}

/** Models arrive as JSON text (see src/json.rs): V8 parses it faster than N-API builds it. */
function fromJson(value) {
  return typeof value?.onespanJson === 'string' ? JSON.parse(value.onespanJson) : value
}

/** Calls `fn`, mapping a throw or a rejection through `fromNative` and models out of JSON. */
function guarded(fn) {
  return function (...args) {
    let result
    try {
      result = fn.apply(this, args)
    } catch (e) {
      throw fromNative(e)
    }
    return result instanceof Promise
      ? result.then(fromJson, (e) => Promise.reject(fromNative(e)))
      : fromJson(result)
  }
}

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

/** An offline OneSpan Sign API on 127.0.0.1, for tests. */
class Emulator {
  #native
  constructor(handle) {
    this.#native = handle
  }

  /** Starts an emulator on a free loopback port with generated credentials. */
  static async start(options) {
    return new Emulator(await guarded(native.Emulator.start)(options))
  }

  get baseUrl() {
    return this.#native.baseUrl
  }
  get apiKey() {
    return this.#native.apiKey
  }
  get clientId() {
    return this.#native.clientId
  }
  get clientSecret() {
    return this.#native.clientSecret
  }
  /** How many client-app token exchanges were asked for. */
  get tokenRequests() {
    return this.#native.tokenRequests
  }
  /** The User-Agent of the last request received. */
  get lastUserAgent() {
    return this.#native.lastUserAgent
  }
  /** How many `/api` requests arrived. */
  get apiRequests() {
    return this.#native.apiRequests
  }
  /** Every API token issued so far stops working. */
  expireTokens() {
    return guarded(() => this.#native.expireTokens())()
  }
  /** Lifetime, in milliseconds, of API tokens issued from now on. */
  setTokenTtl(ms) {
    return guarded(() => this.#native.setTokenTtl(ms))()
  }
  /** Lifetime, in milliseconds, of signer authentication tokens issued from now on. */
  setSignerTokenTtl(ms) {
    return guarded(() => this.#native.setSignerTokenTtl(ms))()
  }
  /** Forgets all packages, tokens and counts. */
  reset() {
    return guarded(() => this.#native.reset())()
  }
  /** The signer of `roleId` signs `documentId`, or every document when it is omitted. */
  signDocument(packageId, roleId, documentId) {
    return guarded(() => this.#native.signDocument(packageId, roleId, documentId))()
  }
  /** The signer of `roleId` signs everything left and completes. */
  completeSigning(packageId, roleId) {
    return guarded(() => this.#native.completeSigning(packageId, roleId))()
  }
  /** The signer of `roleId` is locked out, as after failed authentication attempts. */
  lockSigner(packageId, roleId) {
    return guarded(() => this.#native.lockSigner(packageId, roleId))()
  }
  /** Emails and SMS sent so far: `{ kind, packageId, roleId, to }`. */
  notifications() {
    return guarded(() => this.#native.notifications())()
  }
  /** Event payloads emitted so far, as the service would POST them. */
  events() {
    return guarded(() => this.#native.events())()
  }
  /** Arms a fault for the next matching requests (see Fault in index.d.ts). */
  injectFault(fault) {
    return guarded(() => this.#native.injectFault(fault))()
  }
  /** Every request received so far, as "METHOD /path", in order. */
  requests() {
    return guarded(() => this.#native.requests())()
  }
  /** Every attempt to deliver an event to the callback URL. */
  deliveries() {
    return guarded(() => this.#native.deliveries())()
  }
  /** Causes an event the API has no endpoint for (PACKAGE_DECLINE, PACKAGE_OPT_OUT, ...). */
  simulateEvent(packageId, eventName, roleId, message) {
    return guarded(() => this.#native.simulateEvent(packageId, eventName, roleId, message))()
  }
  /** Stops serving. */
  stop() {
    return guarded(() => this.#native.stop())()
  }

  toString() {
    return `Emulator(baseUrl=${this.baseUrl})`
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
  OneSpanError,
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  ServerError,
  TransportError,
  TimeoutError,
  InvalidArgumentError,
  UnexpectedResponseError,
  WebhookVerificationError,
  WebhookParseError,
  fromNative,
  verifyWebhook,
  parseWebhook,
  WebhookEventName,
  WEBHOOK_MAX_BODY_BYTES,
}
