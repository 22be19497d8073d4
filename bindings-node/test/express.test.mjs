// The Express middleware, on a real server on 127.0.0.1, driven by fetch.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { Readable } from 'node:stream'
import express from 'express'
import { sdk } from './helpers.mjs'

const require = createRequire(import.meta.url)
const { webhookMiddleware } = require('../express.js')

const KEY = 'cb-key-5f2a9c1e'
const PAYLOAD = {
  '@class': 'com.silanis.esl.packages.event.ESLProcessEvent',
  name: 'PACKAGE_DECLINE',
  sessionUser: 'Signer1',
  packageId: 'p1',
  message: 'Délai trop court ✍️',
  documentId: null,
  createdDate: '2017-05-02T20:17:58.408Z',
  extra: { kept: [1, 2] },
}
// Not what JSON.stringify would write back: spacing, key order, raw UTF-8.
const BODY = Buffer.from(
  '  {"name" :"PACKAGE_DECLINE", "@class":"com.silanis.esl.packages.event.ESLProcessEvent",' +
    '"sessionUser":"Signer1","packageId":"p1","message":"Délai trop court ✍️","documentId":null,' +
    '"createdDate":"2017-05-02T20:17:58.408Z","extra":{"kept":[1,2]}}\n',
  'utf8',
)
const AUTH = { authorization: `Basic ${KEY}`, 'content-type': 'application/json' }

/** An app whose webhook route answers with what the middleware put on the request. */
function app(...before) {
  const a = express()
  a.post('/events', ...before, webhookMiddleware({ callbackKey: KEY }), (req, res) => {
    const e = req.onespanEvent
    res.json({ name: e.name, packageId: e.packageId, message: e.message, raw: e.raw })
  })
  return a
}

async function withServer(a, fn) {
  const server = await new Promise((resolve, reject) => {
    const s = a.listen(0, '127.0.0.1', (err) => (err ? reject(err) : resolve(s)))
  })
  try {
    return await fn(`http://127.0.0.1:${server.address().port}/events`)
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
}

const post = (url, body, headers = AUTH, extra = {}) => fetch(url, { method: 'POST', body, headers, ...extra })

test('a verified event is on req.onespanEvent', () =>
  withServer(app(), async (url) => {
    const r = await post(url, BODY)
    assert.equal(r.status, 200, await r.clone().text())
    assert.deepStrictEqual(await r.json(), {
      name: 'PACKAGE_DECLINE',
      packageId: 'p1',
      message: 'Délai trop court ✍️',
      raw: PAYLOAD,
    })
  }))

test('a body sent in chunks, split inside a UTF-8 character, is read whole', () =>
  withServer(app(), async (url) => {
    const cut = BODY.indexOf(Buffer.from('é')) + 1
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(BODY.subarray(0, cut))
        controller.enqueue(BODY.subarray(cut))
        controller.close()
      },
    })
    const r = await post(url, stream, AUTH, { duplex: 'half' })
    assert.equal(r.status, 200)
    assert.equal((await r.json()).message, 'Délai trop court ✍️')
  }))

test('scheme case does not matter', () =>
  withServer(app(), async (url) => {
    assert.equal((await post(url, BODY, { authorization: `BASIC ${KEY}` })).status, 200)
  }))

for (const [what, headers] of [
  ['no Authorization header', {}],
  ['a wrong key', { authorization: 'Basic wrong-key-zz9' }],
  ['another scheme', { authorization: `Bearer ${KEY}` }],
]) {
  test(`${what} is answered 401`, () =>
    withServer(app(), async (url) => {
      const r = await post(url, BODY, headers)
      assert.equal(r.status, 401)
      const text = await r.text()
      assert.equal(text, 'invalid callback key')
    }))
}

for (const [what, body] of [
  ['an empty body', ''],
  ['a body that is not JSON', 'hello'],
  ['a JSON array', '[]'],
  ['an object without name', '{"packageId":"p1"}'],
  ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
]) {
  test(`${what} is answered 400`, () =>
    withServer(app(), async (url) => {
      const r = await post(url, body)
      assert.equal(r.status, 400)
      assert.match(await r.text(), /not a OneSpan event/)
    }))
}

test('a body over the cap is answered 413, and 401 first when the key is wrong', () =>
  withServer(app(), async (url) => {
    const huge = Buffer.alloc(sdk.WEBHOOK_MAX_BODY_BYTES + 100_000, 0x20)
    const r = await post(url, huge)
    assert.equal(r.status, 413)
    assert.match(await r.text(), /limit/)
    assert.equal((await post(url, huge, { authorization: 'Basic nope-nope' })).status, 401)
    // The cap itself is still read and judged: a body of exactly the cap is a parse error.
    const atCap = Buffer.alloc(sdk.WEBHOOK_MAX_BODY_BYTES, 0x7b)
    assert.equal((await post(url, atCap)).status, 400)
  }))

// --- what is read: a 300 MB POST, as reported, never built in memory --------------------

const CAP = sdk.WEBHOOK_MAX_BODY_BYTES
const HUGE = 300 * 1024 * 1024
const CHUNK = 64 * 1024
const WRONG = { authorization: 'Basic wrong-key-zz9', 'content-type': 'application/json' }

/** A request stream of `total` blanks (or of `data`) that counts the bytes pulled from it. */
function countingRequest(headers, { total = 0, data = null } = {}) {
  const source = data ?? Buffer.alloc(CHUNK, 0x20)
  const size = data ? data.length : total
  const req = new Readable({
    highWaterMark: 1, // pull one chunk at a time: what is counted is what was asked for
    read() {
      if (req.consumed >= size) return this.push(null)
      const n = Math.min(data ? 7 : CHUNK, size - req.consumed) // an event arrives in small pieces
      const chunk = data ? data.subarray(req.consumed, req.consumed + n) : source.subarray(0, n)
      req.consumed += n
      this.push(chunk)
    },
  })
  req.consumed = 0
  req.headers = headers
  return req
}

/** Runs the middleware on `req` alone; resolves with what it did: an answer, or next(). */
function runMiddleware(req) {
  return new Promise((resolve) => {
    const headers = {}
    const res = {
      statusCode: 200,
      headersSent: false,
      setHeader: (k, v) => (headers[k.toLowerCase()] = v),
      end: (body) => resolve({ status: res.statusCode, body: String(body), headers }),
    }
    webhookMiddleware({ callbackKey: KEY })(req, res, (err) => resolve({ next: true, err, event: req.onespanEvent }))
  })
}

for (const [what, extra] of [
  ['with a Content-Length', { 'content-length': String(HUGE) }],
  ['chunked', { 'transfer-encoding': 'chunked' }],
]) {
  test(`a wrong key is answered 401 without reading the body (${what})`, async () => {
    const req = countingRequest({ ...WRONG, ...extra }, { total: HUGE })
    const done = await runMiddleware(req)
    assert.equal(done.status, 401)
    assert.equal(done.body, 'invalid callback key')
    assert.equal(req.consumed, 0)
    assert.equal(done.headers.connection, 'close') // the rest is not drained either
  })
}

test('a Content-Length over the cap is answered 413 at once', async () => {
  const req = countingRequest({ ...AUTH, 'content-length': String(HUGE) }, { total: HUGE })
  const done = await runMiddleware(req)
  assert.equal(done.status, 413)
  assert.match(done.body, /limit/)
  assert.equal(req.consumed, 0)
})

test('a chunked body is given up on with 413 as soon as it passes the cap', async () => {
  const req = countingRequest({ ...AUTH, 'transfer-encoding': 'chunked' }, { total: HUGE })
  const done = await runMiddleware(req)
  assert.equal(done.status, 413)
  assert.match(done.body, /limit/)
  // Handed to the middleware: one chunk past the cap at most. Pulled from the source: that,
  // plus what the stream itself read ahead into its buffer (left there, never read).
  const delivered = req.consumed - req.readableLength
  assert.ok(delivered > CAP && delivered <= CAP + CHUNK, `delivered ${delivered}`)
  assert.ok(req.consumed <= delivered + CHUNK, `pulled ${req.consumed}`)
  assert.equal(done.headers.connection, 'close')
})

test('a streamed event reaches the handler', async () => {
  const req = countingRequest({ ...AUTH, 'transfer-encoding': 'chunked' }, { data: BODY })
  const done = await runMiddleware(req)
  assert.equal(done.next, true)
  assert.equal(done.err, undefined)
  assert.deepStrictEqual(done.event.raw, PAYLOAD)
  assert.equal(done.event.message, 'Délai trop court ✍️')
  assert.equal(req.consumed, BODY.length)
})

test('on a real server, a stranger\'s 300 MB upload is cut short with 401', () =>
  withServer(app(), async (url) => {
    let pulled = 0
    const chunk = Buffer.alloc(CHUNK, 0x20)
    const body = new ReadableStream({
      pull(controller) {
        if (pulled >= HUGE) return controller.close()
        pulled += chunk.length
        controller.enqueue(chunk)
      },
    })
    const r = await post(url, body, WRONG, { duplex: 'half' })
    assert.equal(r.status, 401)
    assert.equal(await r.text(), 'invalid callback key')
    // What the socket buffers took before the server closed the connection: a few MB at most.
    assert.ok(pulled < 64 * 1024 * 1024, `the client sent ${pulled} bytes`)
  }))

test('after express.raw() the Buffer it kept is used', () =>
  withServer(app(express.raw({ type: '*/*' })), async (url) => {
    const r = await post(url, BODY)
    assert.equal(r.status, 200)
    assert.deepStrictEqual((await r.json()).raw, PAYLOAD)
  }))

test('after express.json() the middleware refuses to guess the raw body', () => {
  let reached = false
  const a = express()
  a.post('/events', express.json(), webhookMiddleware({ callbackKey: KEY }), (req, res) => {
    reached = true
    res.end()
  })
  a.use((err, req, res, next) => res.status(500).send(err.message))
  return withServer(a, async (url) => {
    const r = await post(url, BODY)
    assert.equal(r.status, 500)
    assert.match(await r.text(), /before express\.json\(\)/)
    assert.equal(reached, false)
  })
})

test('a callback key is required up front', () => {
  assert.throws(() => webhookMiddleware({}), TypeError)
  assert.throws(() => webhookMiddleware({ callbackKey: '' }), TypeError)
  assert.throws(() => webhookMiddleware(), TypeError)
})

test("'onespan-sign/express' is this module", () => {
  assert.equal(require('onespan-sign/express'), require('../express.js'))
})
