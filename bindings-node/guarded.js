'use strict'
// Maps what the native addon throws or resolves to into the public surface: errors into
// the classes of errors.js, models out of their JSON text.

const { OneSpanError, CLASSES } = require('./errors.js')

/** Must match MARKER in src/errors.rs. */
const MARKER = '__onespan_error__'

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

module.exports = { fromNative, fromJson, guarded }
