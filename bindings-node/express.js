'use strict'
// Express middleware for OneSpan Sign event notifications (webhooks), thin over verifyWebhook:
//
//   const { webhookMiddleware } = require('onespan-sign/express')
//   app.post('/onespan/events', webhookMiddleware({ callbackKey }), (req, res) => {
//     console.log(req.onespanEvent.name)
//     res.sendStatus(204)
//   })
//
// It needs the raw body: mount it before express.json() for its route, or after express.raw().
// It uses only node:http's request and response, so Connect and plain servers work too.
//
// The key is checked before the body is read, and at most WEBHOOK_MAX_BODY_BYTES (1 MiB) are
// read: a stranger, or a body too large to be an event, costs no memory.

const { verifyWebhook, WebhookVerificationError, WebhookParseError, WEBHOOK_MAX_BODY_BYTES } = require('./index.js')

const NO_BODY = Buffer.alloc(0)
const TOO_LARGE = `the body is over the ${WEBHOOK_MAX_BODY_BYTES}-byte limit of a OneSpan event`

/**
 * A middleware that verifies the request's Authorization header against `callbackKey`,
 * then reads and parses the raw body, sets `req.onespanEvent` and calls `next()`. It answers
 * 401 when the key is wrong or missing (without reading the body), 413 when the body is over
 * WEBHOOK_MAX_BODY_BYTES (without reading past the cap) and 400 when the body is not a
 * OneSpan event.
 */
function webhookMiddleware(options) {
  const callbackKey = options && options.callbackKey
  if (typeof callbackKey !== 'string' || callbackKey === '') {
    // Fail at start-up rather than answer 401 to every event.
    throw new TypeError('webhookMiddleware needs a non-empty callbackKey')
  }
  return function onespanWebhook(req, res, next) {
    const authorization = req.headers.authorization
    let known
    try {
      known = keyMatches(authorization, callbackKey)
    } catch (err) {
      return next(err)
    }
    // The same answer for every key failure: no hint at what was wrong.
    if (!known) return refuse(req, res, 401, 'invalid callback key')
    readCapped(req).then((body) => {
      if (body === null) return refuse(req, res, 413, TOO_LARGE)
      let event
      try {
        event = verifyWebhook(body, authorization, callbackKey)
      } catch (err) {
        if (err instanceof WebhookVerificationError) return refuse(req, res, 401, 'invalid callback key')
        if (err instanceof WebhookParseError) return reply(res, 400, err.message)
        return next(err)
      }
      req.onespanEvent = event
      next()
    }, next)
  }
}

/**
 * Whether `authorization` carries `callbackKey`, decided before any body is read. The
 * comparison is the core's, in constant time: verifyWebhook checks the key before it looks at
 * the body, so with an empty body a wrong key is WebhookVerificationError and a right one
 * goes on to WebhookParseError (an empty body is never an event).
 */
function keyMatches(authorization, callbackKey) {
  try {
    verifyWebhook(NO_BODY, authorization, callbackKey)
  } catch (err) {
    if (err instanceof WebhookVerificationError) return false
    if (err instanceof WebhookParseError) return true
    throw err
  }
  throw new Error('an empty body was taken for an event')
}

/**
 * The raw body: one a body parser already kept as is, or the request stream, read here up to
 * the cap. Resolves to null when the body is over the cap: at once when Content-Length says
 * so, else as soon as the stream passes it (the rest is left unread).
 */
function readCapped(req) {
  // express.raw() gives a Buffer, express.text() a string: both are the body as sent.
  if (Buffer.isBuffer(req.body) || typeof req.body === 'string') {
    return Promise.resolve(Buffer.byteLength(req.body) > WEBHOOK_MAX_BODY_BYTES ? null : req.body)
  }
  if (req.readableEnded || req._body) {
    return Promise.reject(
      new Error(
        'the request body was already parsed; mount webhookMiddleware before express.json(), ' +
          'or use express.raw() for its route, so that the raw body can be read',
      ),
    )
  }
  const declared = req.headers['content-length']
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > WEBHOOK_MAX_BODY_BYTES) {
    return Promise.resolve(null)
  }
  return new Promise((resolve, reject) => {
    const chunks = []
    let size = 0
    const settle = (value, err) => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('close', onClose)
      if (err) reject(err)
      else resolve(value)
    }
    const onData = (chunk) => {
      size += chunk.length
      if (size > WEBHOOK_MAX_BODY_BYTES) {
        // Chunked, or a Content-Length that lied: stop reading here.
        req.pause()
        return settle(null)
      }
      chunks.push(chunk)
    }
    const onEnd = () => settle(Buffer.concat(chunks, size))
    const onError = (err) => settle(undefined, err)
    const onClose = () => {
      if (!req.readableEnded) settle(undefined, new Error('the request closed before its body was read'))
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('close', onClose)
  })
}

/**
 * Answers a request whose body is not wanted. When part of the body has not arrived yet, the
 * connection is closed after the answer, so that node:http does not go on reading (and
 * dropping) whatever a stranger keeps sending.
 */
function refuse(req, res, status, message) {
  if (!req.complete && !res.headersSent) res.setHeader('Connection', 'close')
  reply(res, status, message)
}

function reply(res, status, message) {
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.end(message)
}

module.exports = { webhookMiddleware }
