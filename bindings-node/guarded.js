'use strict'
// Maps what the native addon returns or throws into the public surface: replies into
// values (models out of their JSON text) or thrown errors of the classes in errors.js.
// Nothing here depends on realm identity (`instanceof Promise`/`Error`), so it behaves the
// same under Jest's separate realm.

const util = require('node:util')
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

// The secret fields of the models (`x-secret` in their schemas), by model, as paths. A
// model answered with one gets a non-enumerable `util.inspect.custom` (on it and on each
// object holding a secret) that shows `[REDACTED]` instead: console.log, util.inspect and
// assertion messages never show the secret, while the fields stay plain properties, so
// `JSON.stringify`, spreading and `set(get())` round trips keep them.
const SECRET_PATHS = {
  CallbackConfig: [['key'], ['oauthSetting', 'clientSecret'], ['oauthSetting', 'password']],
}

function redacting(obj, names) {
  Object.defineProperty(obj, util.inspect.custom, {
    enumerable: false,
    configurable: true,
    value(depth, options, inspect = util.inspect) {
      const shown = { ...obj }
      for (const n of names) if (shown[n] !== undefined && shown[n] !== null) shown[n] = '[REDACTED]'
      return inspect(shown, options)
    },
  })
}

function hideSecrets(model, name) {
  const paths = SECRET_PATHS[name]
  if (!paths || model === null || typeof model !== 'object') return model
  if (Array.isArray(model)) {
    for (const m of model) hideSecrets(m, name)
    return model
  }
  const holders = new Map()
  for (const path of paths) {
    let holder = model
    for (const step of path.slice(0, -1)) holder = holder && typeof holder === 'object' ? holder[step] : undefined
    if (holder && typeof holder === 'object') {
      if (!holders.has(holder)) holders.set(holder, [])
      holders.get(holder).push(path[path.length - 1])
    }
  }
  for (const [holder, names] of holders) redacting(holder, names)
  return model
}

/**
 * A listing (the native `Pages`) as an async iterator: each `next()` asks the core for the
 * next item, which fetches the next page only when the previous one is used up.
 */
function pages(native) {
  const nextItem = guarded(native.nextItem).bind(native)
  let done = false
  return {
    async next() {
      if (done) return { done: true, value: undefined }
      const value = await nextItem()
      if (value === undefined || value === null) {
        done = true
        return { done: true, value: undefined }
      }
      return { done: false, value }
    },
    // `break` out of a `for await`: nothing to release, later calls end at once.
    async return(value) {
      done = true
      return { done: true, value }
    },
    [Symbol.asyncIterator]() {
      return this
    },
  }
}

/** A native reply: a value, a model as JSON text, a listing, or an error as data. */
function unpack(value) {
  if (value !== null && typeof value === 'object') {
    if (typeof value.nextItem === 'function') return pages(value)
    if (typeof value.onespanError === 'string') throw build(JSON.parse(value.onespanError))
    if (typeof value.onespanJson === 'string') return hideSecrets(JSON.parse(value.onespanJson), value.onespanModel)
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
