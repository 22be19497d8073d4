'use strict'
// Maps what the native addon returns or throws into the public surface: replies into
// values (models out of their JSON text) or thrown errors of the classes in errors.js.
// Nothing here depends on realm identity (`instanceof Promise`/`Error`), so it behaves the
// same under Jest's separate realm.

// errors.js exports exactly the classes, by their `kind`.
const CLASSES = require('./errors.js')
const { OneSpanError } = CLASSES

/**
 * What a cancelled call rejects with, as Node's own APIs do (`timers/promises`, streams):
 * name 'AbortError', code 'ABORT_ERR', the signal's reason as `cause`. Not a OneSpanError:
 * the caller stopped the call, the SDK did not fail.
 */
class AbortError extends Error {
  constructor(reason) {
    super('The operation was aborted', reason === undefined ? undefined : { cause: reason })
    this.name = 'AbortError'
    this.code = 'ABORT_ERR'
  }
}

function abortError(reason) {
  return new AbortError(reason)
}

/** The exported error for the native error fields `{ kind, message, ... }`. */
function build(fields) {
  if (fields.kind === 'AbortError') return abortError()
  const Cls = CLASSES[fields.kind] || OneSpanError
  // API errors carry OneSpan's own message; the rest carry the SDK's description.
  return new Cls(fields.serverMessage ?? fields.message, { ...fields, detail: fields.message })
}

/** Turns an error thrown by the native addon into the matching exported class. */
function fromNative(err) {
  if (err === null || typeof err !== 'object' || typeof err.message !== 'string' || err.code !== 'GenericFailure') {
    return err
  }
  let fields
  try {
    fields = JSON.parse(err.message)
  } catch {
    return err
  }
  return fields && typeof fields.kind === 'string' ? build(fields) : err
}

/** A native reply: a value, a model as JSON text, or an error as data. */
function unpack(value) {
  if (value !== null && typeof value === 'object') {
    if (typeof value.onespanError === 'string') throw build(JSON.parse(value.onespanError))
    if (typeof value.onespanJson === 'string') return JSON.parse(value.onespanJson)
  }
  return value
}

/** Calls `fn`, unpacking its reply; a Promise's reply is unpacked when it settles. */
function guarded(fn) {
  return function (...args) {
    let result
    try {
      result = fn.apply(this, args)
    } catch (e) {
      throw fromNative(e)
    }
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      return Promise.resolve(result).then(unpack, (e) => Promise.reject(fromNative(e)))
    }
    return unpack(result)
  }
}

/** Models arrive as JSON text; kept for the emulator's facade. */
const fromJson = unpack

module.exports = { abortError, fromNative, fromJson, guarded, unpack }
