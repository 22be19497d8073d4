// Every sample of the real API in tests/vectors/api/ (its model named in manifest.json),
// round-tripped through the native layer. Node has no model-conversion function, so the round
// trip is a real one against the emulator: the sample goes JSON → core model (serde) → wire
// → emulator, and back GET → core model → JSON. Every field of the sample must come back
// equal (null rule in helpers.mjs), except what the server assigns: a new package's
// id/status/created/updated and each signer's `updated` (stamped on every write); fields the
// emulator adds (role and signer defaults) are allowed. Rust and Python check the models
// themselves keep those fields (core/tests/vectors_api.rs, tests/test_vectors_api.py).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sdk, withEmulator, apiKeyClient, withoutNulls, firstDifference } from './helpers.mjs'

const VECTORS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tests/vectors/api')
const MANIFEST = JSON.parse(fs.readFileSync(path.join(VECTORS, 'manifest.json'), 'utf8')).files
const MODELS = ['Package', 'Role', 'CallbackConfig', 'SigningStatusAnswer', 'AuthTokenAnswer', 'SigningUrlAnswer', 'Event']
const SERVER_ASSIGNED = ['id', 'status', 'created', 'updated']

const sample = (f) => JSON.parse(fs.readFileSync(path.join(VECTORS, f), 'utf8'))
function files(model, array = false) {
  const out = Object.entries(MANIFEST)
    .filter(([, e]) => e.model === model && Boolean(e.array) === array)
    .map(([f]) => f)
    .sort()
  assert.ok(out.length > 0, `the manifest maps no file to ${model} (array: ${array})`)
  return out
}

/** A role without its signers' `updated`, which the server stamps on every write. */
const serverView = (role) => ({ ...role, signers: role.signers?.map(({ updated, ...s }) => s) })

/** Asserts `got` holds every field of `want` (nulls aside), allowing fields it adds. */
function assertHolds(file, want, got, ignore = []) {
  const d = firstDifference(withoutNulls(want), withoutNulls(got), { subset: true, ignore })
  assert.equal(d, null, `${file}: the round trip changed the JSON at ${d}`)
}

test('the comparison helpers are strict except for null keys and subset additions', () => {
  const want = { a: { b: [1, { c: 'x', n: null }] }, z: null }
  assert.equal(firstDifference(withoutNulls(want), withoutNulls({ a: { b: [1, { c: 'x' }] } })), null)
  assert.equal(firstDifference(withoutNulls(want), { a: { b: [1, { c: 'x', d: 1 }] } }, { subset: true }), null)
  for (const got of [
    { a: { b: [1, {}] } },
    { a: { b: [1, { c: 'y' }] } },
    { a: { b: [1, { c: 'x', d: 1 }] } },
    { a: { b: ['1', { c: 'x' }] } },
    { a: { b: [1] } },
    { a: { b: [1, { c: 'x' }, null] } },
  ]) {
    assert.notEqual(firstDifference(withoutNulls(want), withoutNulls(got)), null, JSON.stringify(got))
  }
  assert.notEqual(firstDifference({ a: { b: 1 } }, { a: {} }, { subset: true }), null)
})

test('the manifest lists every sample with a model or a reason', () => {
  const onDisk = fs.readdirSync(VECTORS).filter((f) => f.endsWith('.json') && f !== 'manifest.json').sort()
  assert.ok(onDisk.length > 0)
  assert.deepEqual(onDisk.filter((f) => !(f in MANIFEST)), [], 'samples missing from manifest.json')
  assert.deepEqual(Object.keys(MANIFEST).filter((f) => !onDisk.includes(f)), [], 'manifest lists missing files')
  for (const [f, e] of Object.entries(MANIFEST)) {
    if (e.model === null || e.model === undefined) assert.ok(String(e.skip ?? '').trim(), `${f}: no skip reason`)
    else assert.ok(MODELS.includes(e.model), `${f}: unknown model ${e.model}`)
  }
})

for (const file of files('Package')) {
  test(`Package ${file}: create → get keeps every field`, () =>
    withEmulator(async (emu) => {
      const { packages } = apiKeyClient(emu)
      const want = sample(file)
      const id = await packages.create(want)
      const stored = await packages.get(id)
      assert.equal(stored.id, id)
      // The service adds the owner's role and the consent document unless they were sent:
      // there, and the rest is what was sent.
      const sentOwner = want.roles.some((r) => r.type === 'SENDER')
      const sentConsent = (want.documents ?? []).some((d) => d.id === 'default-consent')
      assert.equal(stored.roles.length, want.roles.length + (sentOwner ? 0 : 1))
      assert.equal(stored.roles.filter((r) => r.type === 'SENDER').length, 1)
      assert.equal(stored.documents.filter((d) => d.id === 'default-consent').length, 1)
      const got = {
        ...stored,
        roles: stored.roles.filter((r) => want.roles.some((w) => w.id === r.id)),
        documents: stored.documents.filter((d) => sentConsent || d.id !== 'default-consent'),
      }
      assertHolds(file, { ...want, roles: want.roles?.map(serverView) }, got, SERVER_ASSIGNED)
      // Typed fields, by value.
      assert.equal(got.name, want.name)
      assert.deepEqual(got.roles.map((r) => r.id), want.roles.map((r) => r.id))
      assert.deepEqual(got.roles.map((r) => r.signers[0].email), want.roles.map((r) => r.signers[0].email))
      assert.deepEqual(
        got.documents.map((d) => d.approvals.map((a) => a.role)),
        want.documents.map((d) => (d.approvals ?? []).map((a) => a.role)),
      )
    }))
}

for (const file of files('Role')) {
  test(`Role ${file}: roles.create → roles.get keeps every field`, () =>
    withEmulator(async (emu) => {
      const { packages, roles } = apiKeyClient(emu)
      const want = sample(file)
      const pkg = await packages.create({ name: `vectors ${file}` })
      const created = await roles.create(pkg, want)
      assertHolds(`${file} (create answer)`, serverView(want), created)
      const got = await roles.get(pkg, want.id)
      assertHolds(file, serverView(want), got)
      assert.equal(got.id, want.id)
      assert.equal(got.signers[0].email, want.signers[0].email)
      assert.equal(got.signers[0].firstName, want.signers[0].firstName)
    }))
}

for (const file of files('Role', true)) {
  test(`Role[] ${file}: a package's roles → roles.list keeps every field`, () =>
    withEmulator(async (emu) => {
      const { packages, roles } = apiKeyClient(emu)
      const want = sample(file)
      const pkg = await packages.create({ name: `vectors ${file}`, roles: want })
      const got = await roles.list(pkg)
      assert.equal(got.length, want.length + 1, 'the roles given and the owner\'s')
      assert.equal(got.filter((r) => r.type === 'SENDER').length, 1)
      for (const w of want) {
        const g = got.find((r) => r.id === w.id)
        assert.ok(g, `${file}: role ${w.id} missing from the list`)
        assertHolds(`${file} role ${w.id}`, serverView(w), g)
        assert.equal(g.index, w.index)
        assert.equal(g.signers[0].email, w.signers[0].email)
      }
    }))
}

for (const file of files('CallbackConfig')) {
  test(`CallbackConfig ${file}: callbacks.set → callbacks.get keeps every field`, () =>
    withEmulator(async (emu) => {
      const { callbacks } = apiKeyClient(emu)
      const want = sample(file)
      assert.equal(await callbacks.set(want), undefined, "set returns nothing")
      const got = await callbacks.get()
      assertHolds(file, want, got)
      assert.equal(got.url, want.url)
      assert.deepEqual(got.events, want.events)
    }))
}

for (const file of files('Event')) {
  test(`Event ${file}: parseWebhook keeps the raw payload and reads the typed fields`, () => {
    const body = fs.readFileSync(path.join(VECTORS, file))
    const want = sample(file)
    const event = sdk.parseWebhook(body)
    // raw is the payload as received: compared exactly, nulls included.
    assert.deepEqual(event.raw, want)
    assert.equal(event.name, want.name)
    assert.ok(Object.values(sdk.WebhookEventName).includes(event.name), `${file}: unknown event name`)
    for (const k of ['packageId', 'documentId', 'sessionUser', 'message', 'createdDate']) {
      assert.equal(event[k] ?? null, want[k] ?? null, `${file}: ${k}`)
    }
  })
}

/** A loopback server answering every request with `body` as JSON; resolves to a client of it. */
async function withStub(body, fn) {
  const payload = JSON.stringify(body)
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) })
      res.end(payload)
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const { port } = server.address()
    return await fn(new sdk.Client({ apiKey: 'stub-key', baseUrl: `http://127.0.0.1:${port}` }))
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
}

// Answers the client has no model for: it returns one string from them.
for (const file of files('SigningStatusAnswer')) {
  test(`SigningStatusAnswer ${file}: packages.signingStatus returns the status`, () => {
    const want = sample(file)
    assert.ok(Object.values(sdk.SigningStatus).includes(want.status), `${file}: ${want.status} is not a SigningStatus`)
    return withStub(want, async (client) => assert.equal(await client.packages.signingStatus('pkg1'), want.status))
  })
}

for (const file of files('AuthTokenAnswer')) {
  test(`AuthTokenAnswer ${file}: the token methods return value`, () =>
    withStub(sample(file), async (client) => {
      const want = sample(file).value
      assert.equal(await client.authTokens.createSingleUse('pkg1', 'signer1'), want)
      assert.equal(await client.authTokens.createMultiUse('pkg1', 'signer1'), want)
      assert.equal(await client.authTokens.createSignerToken('pkg1', 'signer1'), want)
    }))
}

for (const file of files('SigningUrlAnswer')) {
  test(`SigningUrlAnswer ${file}: roles.signingUrl returns url`, () =>
    withStub(sample(file), async (client) => assert.equal(await client.roles.signingUrl('pkg1', 'role1'), sample(file).url)))
}

// Request bodies the client builds itself (no model; manifest "request", named in Python's
// words): the body sent must be the sample without the SDK's placeholders, and nothing else.

/** A loopback server answering `body` as JSON, recording each request; resolves to `fn`'s result. */
async function withRecordingStub(body, fn) {
  const requests = []
  const payload = JSON.stringify(body)
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      requests.push({ method: req.method, path: req.url, body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) })
      res.end(payload)
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const { port } = server.address()
    await fn(new sdk.Client({ apiKey: 'stub-key', baseUrl: `http://127.0.0.1:${port}` }))
    return requests
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
}

function requestsSent(call) {
  const out = Object.entries(MANIFEST)
    .filter(([, e]) => e.request?.call === call)
    .map(([f]) => f)
    .sort()
  assert.ok(out.length > 0, `the manifest maps no request sample to ${call}`)
  return out
}

test('every sample without a model is checked as a request', () => {
  const unchecked = Object.entries(MANIFEST)
    .filter(([, e]) => e.model == null && !e.request)
    .map(([f]) => f)
  assert.deepEqual(unchecked, [], 'samples with neither a model nor a request to check')
})

for (const file of requestsSent('auth_tokens.create_multi_use')) {
  test(`request ${file}: authTokens.createMultiUse sends what the official SDK sends`, async () => {
    const d = sample(file)
    const { method, path: where, placeholders } = MANIFEST[file].request
    const want = Object.fromEntries(Object.entries(d).filter(([k]) => !placeholders.includes(k)))
    const requests = await withRecordingStub({ value: 'a-token' }, async (client) =>
      assert.equal(await client.authTokens.createMultiUse(d.packageId, d.signerId), 'a-token'))
    assert.equal(requests.length, 1)
    assert.deepEqual([requests[0].method, requests[0].path], [method, where], file)
    assert.deepEqual(JSON.parse(requests[0].body), want, file)
  })
}
