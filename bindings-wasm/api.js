// The package's API over the wasm-bindgen glue. Plain ECMAScript and web globals only
// (TextEncoder): no Node built-ins, no require, no fs, no fetch, so it runs wherever
// WebAssembly does. index.js and workerd.js differ only in how they hand the wasm over.
import * as glue from './pkg/onespan_sign_webhooks.js'
import { WebhookEvent, splitFields } from './webhook_event.js'

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
  const echo = typeof body !== 'string'
  return answer(glue.verifyWebhook(bytes, authorization ?? undefined, callbackKey, echo), body)
}

/** Parses `body` into a WebhookEvent without checking any key. */
export function parseWebhook(body) {
  const echo = typeof body !== 'string'
  return answer(glue.parseWebhook(bodyBytes(body), echo), body)
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

// The core answers one string (src/lib.rs): `e` and the fields as splitFields reads them
// (then U+0000 and the body's text, for a body given as bytes); `j` and the fields as JSON
// (then a newline and the text); or `v`, `p`, `i` and an error message.
function answer(reply, body) {
  const kind = reply.charCodeAt(0)
  if (kind === 0x65 /* e */) {
    const fields = splitFields(reply, 1)
    return event(fields, fields[6] <= reply.length ? reply.slice(fields[6]) : undefined, body)
  }
  if (kind === 0x6a /* j */) {
    const cut = reply.indexOf('\n')
    const fields = JSON.parse(cut < 0 ? reply.slice(1) : reply.slice(1, cut))
    return event(fields, cut < 0 ? undefined : reply.slice(cut + 1), body)
  }
  const message = reply.slice(1)
  if (kind === 0x76 /* v */) throw new WebhookVerificationError(message)
  if (kind === 0x70 /* p */) throw new WebhookParseError(message)
  throw new Error(message)
}

// `text`: the body's text as the core echoed it (a body given as bytes), or undefined for a
// body given as a string, which is its own text.
function event(fields, text, body) {
  if (text !== undefined) return new WebhookEvent(fields, text)
  // A string with a lone surrogate has no UTF-8 form: TextEncoder sent U+FFFD in its place,
  // so the typed fields would differ from `raw`. Said only after the key was checked.
  // isWellFormed is in every current engine (ES2024).
  if (body.isWellFormed !== undefined && !body.isWellFormed()) {
    throw new WebhookParseError('the body is a string that is not valid Unicode (it holds a lone surrogate)')
  }
  return new WebhookEvent(fields, body)
}
