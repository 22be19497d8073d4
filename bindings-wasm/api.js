// The package's API over the wasm-bindgen glue. Plain ECMAScript and web globals only
// (TextEncoder): no Node built-ins, no require, no fs, no fetch, so it runs wherever
// WebAssembly does. index.js and workerd.js differ only in how they hand the wasm over.
import * as glue from './pkg/onespan_sign_webhooks.js'

/** The Authorization header did not carry the callback key. */
export class WebhookVerificationError extends Error {
  constructor(message) {
    super(message)
    this.name = 'WebhookVerificationError'
  }
}

/** The body is not a OneSpan Sign event. */
export class WebhookParseError extends Error {
  constructor(message) {
    super(message)
    this.name = 'WebhookParseError'
  }
}

const encoder = new TextEncoder()

/**
 * Checks that `authorization` (the request's Authorization header value, or null/undefined)
 * carries `callbackKey`, then parses `body` into a WebhookEvent.
 */
export function verifyWebhook(body, authorization, callbackKey) {
  const bytes = bodyBytes(body)
  if (authorization !== undefined && authorization !== null && typeof authorization !== 'string') {
    throw new TypeError(`authorization must be a string, null or undefined, not ${jsType(authorization)}`)
  }
  if (typeof callbackKey !== 'string') {
    throw new TypeError(`callbackKey must be a string, not ${jsType(callbackKey)}`)
  }
  return answer(glue.verifyWebhook(bytes, authorization ?? undefined, callbackKey))
}

/** Parses `body` into a WebhookEvent without checking any key. */
export function parseWebhook(body) {
  return answer(glue.parseWebhook(bodyBytes(body)))
}

/**
 * The body size cap in bytes (1 MiB): a longer body is refused with WebhookParseError.
 * A literal: this module is evaluated before the entry instantiates the wasm (a test checks
 * it equals the core's).
 */
export const MAX_BODY_BYTES = 1024 * 1024

// A string is sent as its UTF-8 bytes; an ArrayBuffer (what Request.arrayBuffer() gives) is
// read in place.
function bodyBytes(body) {
  if (typeof body === 'string') return encoder.encode(body)
  if (body instanceof Uint8Array) return body
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  throw new TypeError(`body must be a Uint8Array, an ArrayBuffer or a string, not ${jsType(body)}`)
}

function jsType(v) {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v
}

// The core answers one JSON text: {"event": {...}} or {"error": kind, "message": text}.
function answer(text) {
  const reply = JSON.parse(text)
  if (reply.event) return reply.event
  if (reply.error === 'verification') throw new WebhookVerificationError(reply.message)
  if (reply.error === 'parse') throw new WebhookParseError(reply.message)
  throw new Error(reply.message)
}
