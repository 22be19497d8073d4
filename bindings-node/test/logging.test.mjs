// The `logger` option: one record per attempt, retry and API-token fetch, with the method,
// path, status, duration and attempt, never a secret; ONESPAN_LOG=debug without a logger
// prints them on stderr. Records are the core's tracing events (core/src/transport.rs),
// forwarded by the client's own dispatch (bindings-node/src/logging.rs).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import { sdk, withEmulator, apiKeyClient, clientAppClient, twoSignerPackage } from './helpers.mjs'

const INDEX = fileURLToPath(new URL('../index.js', import.meta.url))

/** A logger that keeps what it gets, as `{ message, fields, self }`. */
function collector() {
  const records = []
  const logger = {
    debug(message, fields) {
      records.push({ message, fields, self: this })
    },
  }
  return { logger, records }
}

/** Records arrive through the event loop: wait until `n` are there (or give up). */
async function atLeast(records, n, limitMs = 2000) {
  const deadline = Date.now() + limitMs
  while (records.length < n && Date.now() < deadline) await sleep(5)
  await sleep(20)
  return records
}

test('each attempt is one record with method, path, status, duration and attempt', () =>
  withEmulator(async (emu) => {
    const { logger, records } = collector()
    const client = apiKeyClient(emu, { logger })
    const id = await client.packages.create({ name: 'logged' })
    await client.packages.get(id)
    await assert.rejects(client.packages.get('missing'), sdk.NotFoundError)
    await atLeast(records, 3)
    assert.equal(records.length, 3, JSON.stringify(records))
    const [create, get, missing] = records
    assert.equal(create.message, 'attempt')
    assert.equal(create.self, logger, 'debug is called on the logger')
    assert.equal(create.fields.method, 'POST')
    assert.equal(create.fields.path, '/api/packages')
    assert.equal(create.fields.status, 200)
    assert.equal(create.fields.attempt, 1)
    assert.equal(typeof create.fields.durationMs, 'number')
    assert.deepEqual(Object.keys(create.fields).sort(), ['attempt', 'durationMs', 'method', 'path', 'status'])
    assert.deepEqual([get.fields.method, get.fields.path, get.fields.status], ['GET', `/api/packages/${id}`, 200])
    assert.deepEqual([missing.fields.path, missing.fields.status], ['/api/packages/missing', 404])
  }))

test('a retried GET gives a retry record between its attempts', () =>
  withEmulator(async (emu) => {
    const { logger, records } = collector()
    const client = apiKeyClient(emu, { logger })
    emu.injectFault({ method: 'GET', path: '/api/callback', status: 503, count: 1 })
    await client.callbacks.get()
    await atLeast(records, 3)
    assert.deepEqual(
      records.map((r) => [r.message, r.fields.attempt, r.fields.status]),
      [
        ['attempt', 1, 503],
        ['retrying', 1, 503],
        ['attempt', 2, 200],
      ],
    )
    const retry = records[1].fields
    assert.equal(retry.method, 'GET')
    assert.equal(retry.path, '/api/callback')
    assert.equal(typeof retry.waitMs, 'number')
    assert.equal(retry.kind, 'ServerError')
  }))

test('a client-app token fetch is a record; no record holds a secret', () =>
  withEmulator(async (emu) => {
    const { logger, records } = collector()
    const client = clientAppClient(emu, { logger })
    const id = await client.packages.create(twoSignerPackage('secret-free'))
    await client.packages.send(id)
    const token = await client.authTokens.createSingleUse(id, 'ann@example.com')
    assert.equal(await client.packages.signingStatus(id, 'ann@example.com'), 'SIGNING_PENDING')
    emu.expireTokens()
    await client.packages.get(id) // 401, a new token, the same call again
    await atLeast(records, 8)
    const fetches = records.filter((r) => r.message === 'API-token fetch')
    assert.equal(fetches.length, 2, JSON.stringify(records.map((r) => r.message)))
    assert.equal(fetches[0].fields.status, 200)
    assert.equal(typeof fetches[0].fields.durationMs, 'number')
    assert.ok(records.some((r) => r.message === 'retrying with a new API token' && r.fields.status === 401))
    const text = JSON.stringify(records.map(({ message, fields }) => ({ message, fields })))
    for (const secret of [emu.clientSecret, token, 'ann@example.com', 'Bearer', 'Basic']) {
      assert.ok(!text.includes(secret), `a record shows ${secret}: ${text}`)
    }
    const apiKeyRecords = collector()
    await apiKeyClient(emu, { logger: apiKeyRecords.logger }).packages.get(id)
    await atLeast(apiKeyRecords.records, 1)
    assert.ok(!JSON.stringify(apiKeyRecords.records.map((r) => r.fields)).includes(emu.apiKey))
  }))

test('derived clients share the logger; other clients do not write to it', () =>
  withEmulator(async (emu) => {
    const { logger, records } = collector()
    const client = apiKeyClient(emu, { logger })
    const quiet = apiKeyClient(emu)
    await quiet.callbacks.get()
    await client.withOptions({ maxRetries: 0 }).callbacks.get()
    await quiet.callbacks.get()
    await atLeast(records, 1)
    await sleep(50)
    assert.equal(records.length, 1)
  }))

test('a logger that throws does not break calls; a bad logger is refused', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu, {
      logger: {
        debug() {
          throw new Error('broken logger')
        },
      },
    })
    assert.ok(await client.packages.create({ name: 'still works' }))
    await sleep(20)
    for (const logger of [true, 'console', {}, { debug: 'no' }]) {
      assert.throws(() => apiKeyClient(emu, { logger }), (e) => e instanceof sdk.InvalidArgumentError && /logger must be an object with a debug/.test(e.message))
    }
    // console works as it is, and a null logger is no logger.
    assert.ok(apiKeyClient(emu, { logger: null }))
  }))

// In a fresh process (tracing caches per callsite whether anyone listens, on the first
// event): a client without a logger reaching the core's events first must not hide them
// from a client with one.
const LATE_LOGGER = `
const { Client, Emulator } = require(${JSON.stringify(INDEX)})
;(async () => {
  const emu = await Emulator.start()
  const base = { apiKey: emu.apiKey, baseUrl: emu.baseUrl }
  const records = []
  const logged = new Client({ ...base, logger: { debug: (message, fields) => records.push([message, fields.status]) } })
  emu.injectFault({ method: 'GET', status: 503, count: 1 })
  await new Client(base).callbacks.get()
  emu.injectFault({ method: 'GET', status: 503, count: 1 })
  await logged.callbacks.get()
  await new Promise((r) => setTimeout(r, 50))
  await emu.stop()
  process.stdout.write(JSON.stringify(records))
})()
`

test('a logger sees its records even when a client without one called first', () => {
  const env = { ...process.env }
  delete env.ONESPAN_LOG
  const r = spawnSync(process.execPath, ['-e', LATE_LOGGER], { env, encoding: 'utf8', timeout: 60_000 })
  assert.equal(r.status, 0, r.stderr)
  assert.deepEqual(JSON.parse(r.stdout), [
    ['attempt', 503],
    ['retrying', 503],
    ['attempt', 200],
  ])
})

const CHILD = `
const { Client, Emulator } = require(${JSON.stringify(INDEX)})
;(async () => {
  const emu = await Emulator.start()
  const client = new Client({ clientId: emu.clientId, clientSecret: emu.clientSecret, baseUrl: emu.baseUrl })
  const id = await client.packages.create({ name: 'env' })
  await client.packages.get(id)
  await new Promise((r) => setTimeout(r, 50))
  await emu.stop()
  process.stdout.write(JSON.stringify({ id, secret: emu.clientSecret }))
})()
`

test('ONESPAN_LOG=debug prints the records on stderr when no logger is given', () => {
  const env = { ...process.env, ONESPAN_LOG: 'debug' }
  const on = spawnSync(process.execPath, ['-e', CHILD], { env, encoding: 'utf8', timeout: 60_000 })
  assert.equal(on.status, 0, on.stderr)
  const { id, secret } = JSON.parse(on.stdout)
  const lines = on.stderr.trim().split('\n')
  assert.ok(lines.some((l) => /^onespan_sign DEBUG API-token fetch .*status=200 durationMs=\d+/.test(l)), on.stderr)
  assert.ok(lines.some((l) => /^onespan_sign DEBUG attempt method=POST path=\/api\/packages attempt=1 status=200 durationMs=\d+$/.test(l)), on.stderr)
  assert.ok(lines.some((l) => l.includes(`method=GET path=/api/packages/${id} attempt=1 status=200`)), on.stderr)
  assert.ok(!on.stderr.includes(secret))
  delete env.ONESPAN_LOG
  const off = spawnSync(process.execPath, ['-e', CHILD], { env, encoding: 'utf8', timeout: 60_000 })
  assert.equal(off.status, 0, off.stderr)
  assert.equal(off.stderr, '')
})
