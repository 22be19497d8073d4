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

const { verifyWebhook, WebhookVerificationError, WebhookParseError, WEBHOOK_MAX_BODY_BYTES } = require('./index.js')

/**
 * A middleware that verifies the request's Authorization header against `callbackKey`,
 * parses the raw body, sets `req.onespanEvent` and calls `next()`. It answers 401 when the
 * key is wrong or missing and 400 when the body is not a OneSpan event.
 */
function webhookMiddleware(options) {
  const callbackKey = options && options.callbackKey
  if (typeof callbackKey !== 'string' || callbackKey === '') {
    // Fail at start-up rather than answer 401 to every event.
    throw new TypeError('webhookMiddleware needs a non-empty callbackKey')
  }
  return function onespanWebhook(req, res, next) {
    rawBody(req).then((body) => {
      let event
      try {
        event = verifyWebhook(body, req.headers.authorization, callbackKey)
      } catch (err) {
        // The same answer for every key failure: no hint at what was wrong.
        if (err instanceof WebhookVerificationError) return reply(res, 401, 'invalid callback key')
        if (err instanceof WebhookParseError) return reply(res, 400, err.message)
        return next(err)
      }
      req.onespanEvent = event
      next()
    }, next)
  }
}

/** The raw body: one a body parser already kept as is, or the request stream, read here. */
function rawBody(req) {
  // express.raw() gives a Buffer, express.text() a string: both are the body as sent.
  if (Buffer.isBuffer(req.body) || typeof req.body === 'string') return Promise.resolve(req.body)
  if (req.readableEnded || req._body) {
    return Promise.reject(
      new Error(
        'the request body was already parsed; mount webhookMiddleware before express.json(), ' +
          'or use express.raw() for its route, so that the raw body can be read',
      ),
    )
  }
  return new Promise((resolve, reject) => {
    const chunks = []
    let kept = 0
    req.on('data', (chunk) => {
      // Past the cap, the rest is drained but not kept: what is kept is already over the
      // cap, so verifyWebhook still refuses it (after checking the key, as for any body).
      if (kept <= WEBHOOK_MAX_BODY_BYTES) {
        chunks.push(chunk)
        kept += chunk.length
      }
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
    req.on('close', () => {
      if (!req.readableEnded) reject(new Error('the request closed before its body was read'))
    })
  })
}

function reply(res, status, message) {
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.end(message)
}

module.exports = { webhookMiddleware }
