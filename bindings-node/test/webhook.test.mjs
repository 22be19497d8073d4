// Webhooks: every shared vector in tests/vectors/webhooks/, and the event's JS surface.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import util from 'node:util'
import { sdk } from './helpers.mjs'
import { FILES, load, vectorTests } from '../../tests/vectors/webhooks.mjs'

const KEY = 'cb-key-5f2a9c1e'
const BODY = JSON.stringify({
  '@class': 'com.silanis.esl.packages.event.ESLProcessEvent',
  name: 'PACKAGE_COMPLETE',
  sessionUser: 'u1',
  packageId: 'p1',
  message: null,
  documentId: null,
  createdDate: '2017-05-02T20:17:58.408Z',
})

// Every shared vector, as a Buffer and (for a text body) as the string.
vectorTests(test, sdk, (bytes, v) => ('body' in v ? [Buffer.from(bytes), v.body] : [Buffer.from(bytes)]))

test('WebhookEventName holds exactly the documented vectors\' names', () => {
  const documented = new Set(FILES.filter((f) => f.startsWith('event-')).map((f) => load(f).expect.event.name))
  assert.equal(documented.size, 22)
  assert.deepStrictEqual(new Set(Object.values(sdk.WebhookEventName)), documented)
  assert.ok(Object.isFrozen(sdk.WebhookEventName))
})

test('an event has every field, null when absent, and raw parsed from the body when read', () => {
  const buffer = Buffer.from(BODY)
  const event = sdk.verifyWebhook(buffer, `Basic ${KEY}`, KEY)
  assert.deepStrictEqual(Object.keys(event).sort(), [
    'createdDate',
    'documentId',
    'message',
    'name',
    'packageId',
    'sessionUser',
  ])
  assert.equal(event.name, sdk.WebhookEventName.PACKAGE_COMPLETE)
  assert.equal(event.documentId, null)
  assert.equal(event.packageId, 'p1')
  // The caller may reuse its Buffer: the event kept its own copy of the text.
  buffer.fill(0x20)
  assert.deepStrictEqual(event.raw, JSON.parse(BODY))
  assert.equal(event.raw, event.raw, 'parsed once, then kept')
  event.raw.seen = true
  assert.equal(event.raw.seen, true)
  assert.deepStrictEqual(sdk.parseWebhook(BODY), sdk.parseWebhook(Buffer.from(BODY)))
  // JSON and inspection show raw; spreading gives the typed fields.
  const fresh = sdk.parseWebhook(BODY)
  assert.deepStrictEqual(JSON.parse(JSON.stringify(fresh)), { ...fresh, raw: JSON.parse(BODY) })
  assert.deepStrictEqual(fresh.toJSON().raw, JSON.parse(BODY))
  assert.match(util.inspect(sdk.parseWebhook(BODY)), /^WebhookEvent \{[^]*name: 'PACKAGE_COMPLETE'[^]*raw: \{[^]*'@class'/)
})

test('typed fields holding U+0000 or a lone U+0001 cross intact, as do absent ones', () => {
  // The addon sends the fields as one string with U+0000 between them and U+0001 for an
  // absent one, and falls back to an array when a field holds either: both ways must agree.
  const cases = [
    { name: 'A\u0000B', packageId: '\u0001', documentId: '\u0001x', message: '' },
    { name: '\u0001', sessionUser: 'a\u0000', createdDate: '\u0000' },
    { name: 'PLAIN', packageId: '', documentId: null, sessionUser: 7, message: 'm\u0002' },
  ]
  for (const payload of cases) {
    const event = sdk.parseWebhook(JSON.stringify(payload))
    const want = (k) => (typeof payload[k] === 'string' ? payload[k] : null)
    for (const k of ['name', 'packageId', 'documentId', 'sessionUser', 'message', 'createdDate']) {
      assert.equal(event[k], want(k), `${k} of ${JSON.stringify(payload)}`)
    }
    assert.deepStrictEqual(event.raw, payload)
  }
})

test('a string body with a lone surrogate is not an event', { skip: !String.prototype.isWellFormed && 'Node 18 has no isWellFormed' }, () => {
  const body = BODY.replace('"p1"', '"p\ud800"')
  assert.notEqual(body, BODY)
  assert.throws(() => sdk.parseWebhook(body), (e) => e instanceof sdk.WebhookParseError && /lone surrogate/.test(e.message))
  assert.throws(() => sdk.verifyWebhook(body, KEY, KEY), sdk.WebhookParseError)
  // The key is still checked first.
  assert.throws(() => sdk.verifyWebhook(body, 'Basic wrong', KEY), sdk.WebhookVerificationError)
})

test('authorization may be undefined or null: a verification error', () => {
  for (const auth of [undefined, null]) {
    assert.throws(() => sdk.verifyWebhook(BODY, auth, KEY), sdk.WebhookVerificationError)
  }
})

test('a body that is neither Buffer nor string is refused, at once, before any parsing', () => {
  // InvalidArgumentError in JavaScript's words (issue 11 item 17), never napi's Rust ones.
  const refused = (what) => (e) => {
    assert.ok(e instanceof sdk.InvalidArgumentError, `not an InvalidArgumentError: ${e?.constructor?.name}`)
    assert.match(e.message, what)
    assert.doesNotMatch(e.message, /Vec<u8>|String`|napi/)
    return true
  }
  assert.throws(() => sdk.parseWebhook({ name: 'PACKAGE_COMPLETE' }), refused(/body must be a Buffer or a string, not object/))
  assert.throws(() => sdk.verifyWebhook(42, KEY, KEY), refused(/body must be a Buffer or a string, not number/))
  assert.throws(() => sdk.verifyWebhook(null, `Basic ${KEY}`, KEY), refused(/not null/))
  assert.throws(() => sdk.verifyWebhook('{}', 42, KEY), refused(/authorization must be a string, null or undefined, not number/))
  assert.throws(() => sdk.verifyWebhook('{}', `Basic ${KEY}`, undefined), refused(/callbackKey must be a string, not undefined/))
})

test('errors name what was wrong, never the key or the header', () => {
  let err
  try {
    sdk.verifyWebhook(BODY, 'Basic wrong-key-zz9', KEY)
  } catch (e) {
    err = e
  }
  assert.ok(err instanceof sdk.WebhookVerificationError)
  assert.match(err.message, /does not carry the callback key/)
  const shown = util.inspect(err) + JSON.stringify(err) + err.message
  assert.ok(!shown.includes(KEY) && !shown.includes('wrong-key-zz9'))
})

test('the body cap is exposed and applied', () => {
  assert.equal(sdk.WEBHOOK_MAX_BODY_BYTES, 1024 * 1024)
  const ok = Buffer.from('{"name":"X","p":"' + 'a'.repeat(sdk.WEBHOOK_MAX_BODY_BYTES - 19) + '"}')
  assert.equal(ok.length, sdk.WEBHOOK_MAX_BODY_BYTES)
  assert.equal(sdk.parseWebhook(ok).name, 'X')
  assert.throws(() => sdk.parseWebhook(Buffer.concat([ok, Buffer.from(' ')])), sdk.WebhookParseError)
})

test('a "__proto__" key stays data, in webhook events and API answers alike', () => {
  const event = sdk.parseWebhook('{"name":"PACKAGE_CREATE","__proto__":{"polluted":true}}')
  assert.equal(Object.getPrototypeOf(event.raw), Object.prototype)
  assert.equal(event.raw.polluted, undefined)
  assert.deepEqual(Object.keys(event.raw), ['name', '__proto__'])
  assert.deepEqual(event.raw['__proto__'], { polluted: true })
})
