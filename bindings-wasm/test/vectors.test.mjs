// Every shared vector in tests/vectors/webhooks/ through the WebAssembly package, each body
// as a Uint8Array, an ArrayBuffer and (for text bodies) a string; and the package's own rules.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import util from 'node:util'
import { fileURLToPath } from 'node:url'
import * as pkg from '../index.js'
import * as glue from '../pkg/onespan_sign_webhooks.js'

const VECTORS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tests/vectors/webhooks')
const FILES = fs.readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort()
const load = (f) => JSON.parse(fs.readFileSync(path.join(VECTORS, f), 'utf8'))
const FIELDS = {
  name: 'name',
  package_id: 'packageId',
  document_id: 'documentId',
  session_user: 'sessionUser',
  message: 'message',
  created_date: 'createdDate',
}
const KEY = 'cb-key-5f2a9c1e'
const BODY = '{"name":"PACKAGE_COMPLETE","packageId":"p1","documentId":null}'
const encoder = new TextEncoder()

function bodyOf(v) {
  const forms = ['body', 'body_base64', 'body_repeat'].filter((k) => k in v)
  assert.equal(forms.length, 1, 'exactly one body form')
  if ('body' in v) return encoder.encode(v.body)
  if ('body_base64' in v) return Uint8Array.from(atob(v.body_base64), (c) => c.charCodeAt(0))
  const r = v.body_repeat
  return encoder.encode(r.prefix + r.unit.repeat(r.count) + r.suffix)
}

function authorizationOf(v) {
  const found = Object.entries(v.headers).filter(([k]) => k.toLowerCase() === 'authorization')
  assert.ok(found.length <= 1)
  return found.length ? found[0][1] : null
}

function run(v, body) {
  if (v.mode === 'verify') return pkg.verifyWebhook(body, authorizationOf(v), v.key)
  assert.equal(v.mode, 'parse')
  return pkg.parseWebhook(body)
}

test('the vectors are there', () => {
  assert.ok(FILES.length >= 50, `found only ${FILES.length} vectors in ${VECTORS}`)
})

for (const file of FILES) {
  test(`vector ${file}`, () => {
    const v = load(file)
    const bytes = bodyOf(v)
    const bodies = [bytes, bytes.slice().buffer]
    if ('body' in v) bodies.push(v.body)
    for (const body of bodies) {
      if ('error' in v.expect) {
        let err = null
        try {
          run(v, body)
        } catch (e) {
          err = e
        }
        assert.ok(err instanceof pkg[v.expect.error], `${v.description}: got ${err}`)
        assert.equal(err.name, v.expect.error)
        if (v.key.length >= 6) {
          assert.ok(!err.message.includes(v.key) && !util.inspect(err).includes(v.key), 'the error shows the key')
        }
      } else {
        assert.equal(v.expect.ok, true)
        const event = run(v, body)
        const got = Object.fromEntries(Object.entries(FIELDS).map(([snake, camel]) => [snake, event[camel]]))
        assert.deepStrictEqual(got, v.expect.event, v.description)
        assert.deepStrictEqual(event.raw, JSON.parse(new TextDecoder().decode(bytes)), 'raw must be the whole payload')
      }
    }
  })
}

test('an event has every field of the Node package\'s WebhookEvent, null when absent; raw parsed when read', () => {
  const bytes = new TextEncoder().encode(BODY)
  for (const body of [BODY, bytes]) {
    const event = pkg.verifyWebhook(body, `Basic ${KEY}`, KEY)
    assert.deepStrictEqual(JSON.parse(JSON.stringify(event)), {
      name: 'PACKAGE_COMPLETE',
      packageId: 'p1',
      documentId: null,
      sessionUser: null,
      message: null,
      createdDate: null,
      raw: JSON.parse(BODY),
    })
    assert.deepStrictEqual(Object.keys(event).sort(), ['createdDate', 'documentId', 'message', 'name', 'packageId', 'sessionUser'])
    // The caller may reuse its bytes: the event holds its own text.
    if (body === bytes) bytes.fill(0x20)
    assert.deepStrictEqual(event.raw, JSON.parse(BODY))
    assert.equal(event.raw, event.raw, 'parsed once, then kept')
  }
})

test('a string body with a lone surrogate is not an event, once the key is checked', () => {
  const body = BODY.replace('"p1"', '"p\ud800"')
  assert.notEqual(body, BODY)
  assert.throws(() => pkg.parseWebhook(body), (e) => e instanceof pkg.WebhookParseError && /lone surrogate/.test(e.message))
  assert.throws(() => pkg.verifyWebhook(body, 'Basic wrong', KEY), pkg.WebhookVerificationError)
})

test('arguments of the wrong type are a TypeError in JavaScript\'s words', () => {
  assert.throws(() => pkg.verifyWebhook(42, null, KEY), { name: 'TypeError', message: 'body must be a Uint8Array, an ArrayBuffer or a string, not number' })
  assert.throws(() => pkg.parseWebhook(null), { name: 'TypeError', message: /not null$/ })
  assert.throws(() => pkg.verifyWebhook(BODY, 7, KEY), { name: 'TypeError', message: /authorization must be a string, null or undefined, not number/ })
  assert.throws(() => pkg.verifyWebhook(BODY, KEY, undefined), { name: 'TypeError', message: /callbackKey must be a string, not undefined/ })
})

test('authorization may be undefined or null: a verification error', () => {
  for (const auth of [undefined, null]) {
    assert.throws(() => pkg.verifyWebhook(BODY, auth, KEY), pkg.WebhookVerificationError)
  }
})

test('MAX_BODY_BYTES is the core\'s cap', () => {
  assert.equal(pkg.MAX_BODY_BYTES, glue.maxBodyBytes())
  assert.equal(pkg.MAX_BODY_BYTES, 1048576)
})
