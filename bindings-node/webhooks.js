'use strict'
// verifyWebhook and parseWebhook. The core checks the key and walks the body once, reading
// the six typed fields and building nothing else (src/webhooks.rs); the WebhookEvent
// (webhook_event.js, generated) parses `raw` with V8's own JSON.parse, from the body the
// core accepted, only when it is first read. Most receivers read the name and an ID: they
// pay for one walk over the body and one string, not for a second object tree.

const native = require('./loader.js')
const errors = require('./errors.js')
const { fromNative } = require('./guarded.js')
const { WebhookEvent, splitFields } = require('./webhook_event.js')

/**
 * Checks that `authorization` (the request's Authorization header value, or null) carries
 * `callbackKey`, then parses `body` (the raw request body, Buffer or string) into a
 * WebhookEvent. Throws WebhookVerificationError or WebhookParseError.
 */
function verifyWebhook(body, authorization, callbackKey) {
  checkBody(body)
  if (authorization !== undefined && authorization !== null && typeof authorization !== 'string') {
    refuse(`authorization must be a string, null or undefined, not ${jsType(authorization)}`)
  }
  if (typeof callbackKey !== 'string') refuse(`callbackKey must be a string, not ${jsType(callbackKey)}`)
  let fields
  try {
    fields = native.verifyWebhook(body, authorization, callbackKey)
  } catch (e) {
    throw fromNative(e)
  }
  return new WebhookEvent(typeof fields === 'string' ? splitFields(fields, 0) : fields, bodyText(body))
}

/** Parses `body` (Buffer or string) into a WebhookEvent without checking any key. */
function parseWebhook(body) {
  checkBody(body)
  let fields
  try {
    fields = native.parseWebhook(body)
  } catch (e) {
    throw fromNative(e)
  }
  return new WebhookEvent(typeof fields === 'string' ? splitFields(fields, 0) : fields, bodyText(body))
}

// Refused in JavaScript's words, not by napi's argument conversion, whose message names
// Rust types.
function checkBody(body) {
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) {
    refuse(`body must be a Buffer or a string, not ${jsType(body)}`)
  }
}

/**
 * The text of a body the core has accepted: a Buffer decoded (a copy: the caller may reuse
 * the Buffer), a string as is. Called after the core's checks, so that the key is checked
 * before anything about the body is said.
 */
function bodyText(body) {
  if (typeof body !== 'string') return body.toString('utf8')
  // A string with a lone surrogate has no UTF-8 form: N-API handed the core U+FFFD in its
  // place, so the typed fields would differ from `raw`. isWellFormed is Node 20's.
  if (body.isWellFormed !== undefined && !body.isWellFormed()) {
    const message = 'the body is a string that is not valid Unicode (it holds a lone surrogate)'
    throw new errors.WebhookParseError(message, { detail: message })
  }
  return body
}

function jsType(v) {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v
}

function refuse(text) {
  const message = `invalid argument: ${text}`
  throw new errors.InvalidArgumentError(message, { detail: message })
}

/** Bodies longer than this many bytes (1 MiB) are refused before parsing. */
const WEBHOOK_MAX_BODY_BYTES = native.WEBHOOK_MAX_BODY_BYTES

module.exports = { verifyWebhook, parseWebhook, WEBHOOK_MAX_BODY_BYTES }
