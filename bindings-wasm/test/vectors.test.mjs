// Every shared vector in tests/vectors/webhooks/ through the WebAssembly package, each body
// as a Uint8Array, an ArrayBuffer and (for text bodies) a string; and the package's own rules.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as pkg from '../index.js'
import { vectorTests } from '../../tests/vectors/webhooks.mjs'
import * as glue from '../pkg/onespan_sign_webhooks.js'

const KEY = 'cb-key-5f2a9c1e'
const BODY = '{"name":"PACKAGE_COMPLETE","packageId":"p1","documentId":null}'

// Every shared vector, as a Uint8Array, an ArrayBuffer and (for a text body) the string.
vectorTests(test, pkg, (bytes, v) => ['body' in v ? v.body : null, bytes, bytes.slice().buffer].filter((b) => b !== null))

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
