// The shared webhook vectors (webhooks/*.json) as tests, for the JavaScript packages' suites
// (bindings-node, bindings-wasm): one reader of the vector format and one check per vector,
// given the package under test. Each language's own suite runs the same files.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import util from 'node:util'
import { fileURLToPath } from 'node:url'

const VECTORS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'webhooks')

/** The vector files, sorted. */
export const FILES = fs.readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort()

/** One vector file, parsed. */
export const load = (file) => JSON.parse(fs.readFileSync(path.join(VECTORS, file), 'utf8'))

// The vectors' snake_case names → the event's camelCase ones.
const FIELDS = {
  name: 'name',
  package_id: 'packageId',
  document_id: 'documentId',
  session_user: 'sessionUser',
  message: 'message',
  created_date: 'createdDate',
}

/** A vector's body as bytes: `body` (text), `body_base64` or `body_repeat`, exactly one. */
export function bodyOf(v) {
  const forms = ['body', 'body_base64', 'body_repeat'].filter((k) => k in v)
  assert.equal(forms.length, 1, 'exactly one body form')
  if ('body' in v) return new TextEncoder().encode(v.body)
  if ('body_base64' in v) return Uint8Array.from(atob(v.body_base64), (c) => c.charCodeAt(0))
  const r = v.body_repeat
  return new TextEncoder().encode(r.prefix + r.unit.repeat(r.count) + r.suffix)
}

/** The harness's job, as an HTTP server's: find the header whatever its letter case. */
function authorizationOf(v) {
  const found = Object.entries(v.headers).filter(([k]) => k.toLowerCase() === 'authorization')
  assert.ok(found.length <= 1)
  return found.length ? found[0][1] : null
}

/**
 * Registers a test per vector with `test` (node:test's): each body that `bodies(bytes, v)`
 * gives (the package's accepted forms of the same bytes; a text body must behave as its
 * UTF-8 bytes) goes through `sdk.verifyWebhook` or `sdk.parseWebhook`, and must give the
 * vector's event (with `raw` the whole payload) or its error class, never showing the key.
 */
export function vectorTests(test, sdk, bodies) {
  test('the vectors are there', () => {
    assert.ok(FILES.length >= 50, `found only ${FILES.length} vectors in ${VECTORS}`)
  })
  for (const file of FILES) {
    test(`vector ${file}`, () => {
      const v = load(file)
      const bytes = bodyOf(v)
      for (const body of bodies(bytes, v)) {
        const run = () => {
          if (v.mode === 'verify') return sdk.verifyWebhook(body, authorizationOf(v), v.key)
          assert.equal(v.mode, 'parse')
          return sdk.parseWebhook(body)
        }
        if ('error' in v.expect) {
          let err = null
          try {
            run()
          } catch (e) {
            err = e
          }
          assert.ok(err instanceof sdk[v.expect.error], `${v.description}: got ${err}`)
          if (sdk.OneSpanError) assert.ok(err instanceof sdk.OneSpanError)
          assert.equal(err.name, v.expect.error)
          if (v.key.length >= 6) {
            assert.ok(!err.message.includes(v.key) && !util.inspect(err).includes(v.key), 'the error shows the key')
          }
        } else {
          assert.equal(v.expect.ok, true)
          const event = run()
          const got = Object.fromEntries(Object.entries(FIELDS).map(([snake, camel]) => [snake, event[camel]]))
          assert.deepStrictEqual(got, v.expect.event, v.description)
          assert.deepStrictEqual(event.raw, JSON.parse(new TextDecoder().decode(bytes)), 'raw must be the whole payload as sent')
        }
      }
    })
  }
}
