'use strict'
// The request methods of the services as the facade exposes them: positional arguments as
// in the endpoint table, then one optional options object, `{ signal }`.
//
// Which argument is the options object: the one after all of a method's parameters, or,
// when fewer arguments are given, a plain object (its prototype is an Object.prototype, or
// null) standing where an optional parameter is, since none of those takes one — so
// `signingStatus(id, { signal })` and `signingStatus(id, signer, document, { signal })`
// both work. Its names are checked: an unknown one, a `signal` that is not an AbortSignal,
// or too many arguments reject the Promise with InvalidArgumentError. Nothing here throws
// synchronously: every mistake is a rejected Promise.
//
// Cancellation: with a signal, the native method gets a `Cancellation` as a hidden last
// argument (bindings-node/src/cancel.rs). When the signal fires, the Promise rejects at
// once with an error named 'AbortError' (`cause`: the signal's reason) and the native
// side drops the call: its request, retries and waits. An already-aborted signal rejects
// without calling the native method, so nothing is sent. Only duck typing is used (no
// `instanceof`), so a signal from another realm (Jest's) works.

const native = require('./loader.js')
const { InvalidArgumentError } = require('./errors.js')
const { abortError, guarded } = require('./guarded.js')

/** `{ packages: { get: [{ name, optional, object }] } }`, from the endpoint table. */
const PARAMETERS = native.__requestParameters()
/** The same for the methods that send no request. */
const LOCAL_PARAMETERS = native.__localParameters()
const OPTION_NAMES = ['signal']

function isPlainObject(v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === null || Object.getPrototypeOf(proto) === null
}

/** A value's type in JavaScript's words, for messages. */
function jsType(v) {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'object' && Buffer.isBuffer(v)) return 'Buffer'
  return typeof v
}

function isAbortSignal(s) {
  return s !== null && typeof s === 'object' && typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function'
}

function invalid(message) {
  const text = `invalid argument: ${message}`
  return new InvalidArgumentError(text, { detail: text })
}

/** The positional arguments, padded to the parameters, and the options read. */
function split(args, params, label) {
  const n = params.length
  let options
  let inPlaceOf = null
  let positional = args
  if (args.length > n + 1) {
    const names = [...params.map((p) => p.name), 'options'].join(', ')
    throw invalid(`${label} takes at most ${n + 1} arguments (${names}), not ${args.length}`)
  }
  if (args.length === n + 1) {
    options = args[n]
    positional = args.slice(0, n)
  } else if (args.length > 0) {
    const last = args.length - 1
    if (params[last].optional && !params[last].object && isPlainObject(args[last])) {
      options = args[last]
      inPlaceOf = params[last].name
      positional = args.slice(0, last)
    }
  }
  positional = positional.slice()
  while (positional.length < n) positional.push(undefined)
  const named = params.filter((p) => p.optional).map((p) => p.name)
  const read = readOptions(options, label, inPlaceOf, named)
  // Optional arguments named in the options object (`callbacks.get({ origin })`).
  params.forEach((p, i) => {
    if (!p.optional || read.named[p.name] === undefined) return
    if (positional[i] !== undefined && positional[i] !== null) {
      throw invalid(`${label}: ${p.name} is given both positionally and in the options`)
    }
    positional[i] = read.named[p.name]
  })
  return { positional, options: { signal: read.signal } }
}

function readOptions(options, label, inPlaceOf, named = []) {
  if (options === undefined || options === null) return { named: {} }
  const known = [...OPTION_NAMES, ...named]
  if (!isPlainObject(options)) {
    throw invalid(`the options of ${label} must be an object such as { signal }, not ${jsType(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      const read = inPlaceOf ? ` (a plain object in place of ${inPlaceOf} is read as the options)` : ''
      throw invalid(`unknown option ${JSON.stringify(key)} for ${label}${read}; the options are ${known.join(', ')}`)
    }
  }
  const { signal } = options
  if (signal !== undefined && signal !== null && !isAbortSignal(signal)) {
    throw invalid(`signal must be an AbortSignal, not ${jsType(signal)}`)
  }
  const values = {}
  for (const name of named) if (options[name] !== undefined) values[name] = options[name]
  return { signal: signal ?? undefined, named: values }
}

// One 'abort' listener per signal however many calls share it (no listener leak warning
// with hundreds of calls on one controller); each call removes its handler when it settles.
const WAITING = new WeakMap()

function whenAborted(signal, handler) {
  let handlers = WAITING.get(signal)
  if (!handlers) {
    handlers = new Set()
    WAITING.set(signal, handlers)
    const all = handlers
    signal.addEventListener(
      'abort',
      () => {
        WAITING.delete(signal)
        for (const h of all) h()
      },
      { once: true },
    )
  }
  handlers.add(handler)
  return () => handlers.delete(handler)
}

function cancellable(call, positional, signal) {
  if (signal.aborted) return Promise.reject(abortError(signal.reason))
  const cancel = new native.Cancellation()
  return new Promise((resolve, reject) => {
    const forget = whenAborted(signal, () => {
      cancel.cancel()
      reject(abortError(signal.reason))
    })
    const settle = (f) => (v) => {
      forget()
      f(v)
    }
    call(...positional, cancel).then(settle(resolve), settle(reject))
  })
}

function isWritable(v) {
  return v !== null && typeof v === 'object' && typeof v.write === 'function' && typeof v.once === 'function'
}

/**
 * A `Writable` as the native side takes a download's destination: a function that writes
 * one chunk and resolves when the stream can take more (its backpressure), or rejects on
 * the stream's error. The stream is not ended: it stays the caller's.
 */
function writerOf(stream) {
  return (chunk) =>
    new Promise((resolve, reject) => {
      if (stream.destroyed || stream.writableEnded) {
        reject(new Error('the stream is already closed'))
        return
      }
      const cleanup = () => {
        stream.removeListener('error', onError)
        stream.removeListener('drain', onDrain)
      }
      const onError = (e) => {
        cleanup()
        reject(e)
      }
      const onDrain = () => {
        cleanup()
        resolve()
      }
      stream.once('error', onError)
      if (stream.write(chunk)) onDrain()
      else stream.once('drain', onDrain)
    })
}

/** `target[name]` (a native request method) as the public method `attr.name`. */
function requestMethod(target, attr, name) {
  const params = PARAMETERS[attr][name]
  const label = `${attr}.${name}`
  const call = guarded(target[name]).bind(target)
  const method = {
    [name](...args) {
      try {
        const { positional, options } = split(args, params, label)
        params.forEach((p, i) => {
          if (p.sink && isWritable(positional[i])) positional[i] = writerOf(positional[i])
        })
        return options.signal ? cancellable(call, positional, options.signal) : Promise.resolve(call(...positional))
      } catch (e) {
        return Promise.reject(e)
      }
    },
  }[name]
  return method
}

/**
 * `proto[name]` (a native method that sends no request) as the public method `attr.name`:
 * positional arguments, or its optional ones named in a trailing plain object
 * (`signingUrl(token, { packageId })`). Synchronous: a mistake throws InvalidArgumentError.
 */
function localMethod(target, attr, name) {
  const params = LOCAL_PARAMETERS[attr]?.[name] ?? []
  const label = `${attr}.${name}`
  const call = guarded(Object.getPrototypeOf(target)[name]).bind(target)
  const named = params.filter((p) => p.optional).map((p) => p.name)
  return {
    [name](...args) {
      if (named.length === 0 || args.length === 0) return call(...args)
      const last = args.length - 1
      const param = params[last]
      const isOptions = last >= params.length || (param.optional && !param.object)
      if (!isOptions || !isPlainObject(args[last])) return call(...args)
      if (args.length > params.length + 1) {
        throw invalid(`${label} takes at most ${params.length} arguments, not ${args.length}`)
      }
      const options = args[last]
      for (const key of Object.keys(options)) {
        if (!named.includes(key)) {
          throw invalid(`unknown option ${JSON.stringify(key)} for ${label}; the options are ${named.join(', ')}`)
        }
      }
      const positional = args.slice(0, last)
      while (positional.length < params.length) positional.push(undefined)
      params.forEach((p, i) => {
        if (!p.optional || options[p.name] === undefined) return
        if (positional[i] !== undefined && positional[i] !== null) {
          throw invalid(`${label}: ${p.name} is given both positionally and in the options`)
        }
        positional[i] = options[p.name]
      })
      // Trailing parameters left unset are left out, as if not given.
      while (positional.length > 0 && positional[positional.length - 1] === undefined) positional.pop()
      return call(...positional)
    },
  }[name]
}

/** Whether `attr.name` sends a request (and so takes the options object). */
function isRequestMethod(attr, name) {
  return Object.hasOwn(PARAMETERS, attr) && Object.hasOwn(PARAMETERS[attr], name)
}

module.exports = { requestMethod, isRequestMethod, localMethod }
