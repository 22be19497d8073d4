'use strict'
// The package's public surface: the native classes, with every error they raise turned
// into one of the exported Error subclasses by `fromNative`. No endpoint logic lives here.

const util = require('node:util')
const native = require('./loader.js')
const { Emulator } = require('./emulator.js')
const errors = require('./errors.js')
const enums = require('./enums.js')
const { fromNative, guarded } = require('./guarded.js')
const { requestMethod, isRequestMethod, localMethod } = require('./request.js')
const { verifyWebhook, parseWebhook, WEBHOOK_MAX_BODY_BYTES } = require('./webhooks.js')

/**
 * The resource handle `attr` (e.g. `packages`): request methods take the trailing options
 * object and reject with the exported classes (request.js); the others map their errors.
 */
function service(target, attr) {
  const wrapped = Object.create(null)
  const proto = Object.getPrototypeOf(target)
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || typeof proto[name] !== 'function') continue
    wrapped[name] = isRequestMethod(attr, name) ? requestMethod(target, attr, name) : localMethod(target, attr, name)
  }
  // Not frozen: users replace methods with mocks (jest.spyOn) in their own tests.
  return wrapped
}

/** Lets `withOptions` wrap an existing native client; not part of the API. */
const WRAP = Symbol('wrap')

/**
 * `options` without `logger`, and the function the native client sends its log records to
 * (JSON text `{ message, level, fields }`), or undefined. The logger is a JavaScript object
 * (`console`, pino, winston...), so it never goes to the core's options reader; with none,
 * `ONESPAN_LOG=debug` logs to stderr.
 */
function takeLogger(options) {
  let logger
  let rest = options
  if (options !== null && typeof options === 'object' && Object.hasOwn(options, 'logger')) {
    ;({ logger, ...rest } = options)
  }
  if (logger === undefined || logger === null) {
    logger = /^debug$/i.test((process.env.ONESPAN_LOG ?? '').trim()) ? STDERR_LOGGER : undefined
  } else if ((typeof logger !== 'object' && typeof logger !== 'function') || typeof logger.debug !== 'function') {
    const text = `invalid argument: logger must be an object with a debug(message, fields) method, such as console, not ${logger === null ? 'null' : typeof logger}`
    throw new errors.InvalidArgumentError(text, { detail: text })
  }
  if (!logger) return { rest, sink: undefined }
  const sink = (text) => {
    // A logger that throws must not break the calls it observes: the record is dropped.
    try {
      const record = JSON.parse(text)
      logger.debug(record.message, record.fields)
    } catch {}
  }
  return { rest, sink }
}

/** `ONESPAN_LOG=debug` without a logger: one line per record on stderr. */
const STDERR_LOGGER = {
  debug(message, fields = {}) {
    const pairs = Object.entries(fields).map(([k, v]) => ` ${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : v}`)
    process.stderr.write(`onespan_sign DEBUG ${message}${pairs.join('')}\n`)
  },
}

/** A OneSpan Sign client. Methods return Promises; one client is safe to share. */
class Client {
  #native
  constructor(options) {
    this.#native =
      options?.[WRAP] ??
      guarded(() => {
        const { rest, sink } = takeLogger(options)
        return new native.Client(rest, sink)
      })()
    // Every service attribute of the native client (the endpoint table's), wrapped.
    for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(native.Client.prototype))) {
      if (desc.get && name !== 'baseUrl') this[name] = service(this.#native[name], name)
    }
    Object.freeze(this)
  }

  /** The base URL requests go to. */
  get baseUrl() {
    return this.#native.baseUrl
  }

  /**
   * A client with other limits (`{ timeoutMs, maxRetries }`) for the calls made through it,
   * sharing this one's connections, token cache and logger.
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

// The generated classes and enums are re-exported as `...require()`, the one spread Node's
// ESM loader follows (cjs-module-lexer reads the required modules' own export lists), so
// `import { NotFoundError } from 'onespan-sign'` works. test/exports.test.mjs checks that
// every class of errors.js and enum of enums.js imports by name.
module.exports = {
  Client,
  Emulator,
  ...require('./enums.js'),
  ...require('./errors.js'),
  fromNative,
  verifyWebhook,
  parseWebhook,
  WEBHOOK_MAX_BODY_BYTES,
}
