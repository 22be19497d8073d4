// Faults, concurrency, and the FFI boundary, through the Node binding.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { sdk, withEmulator, apiKeyClient, clientAppClient } from './helpers.mjs'

const native = createRequire(import.meta.url)('../native.js')
const { guarded } = createRequire(import.meta.url)('../guarded.js')

test('a slow server times out', () =>
  withEmulator(async (emu) => {
    emu.injectFault({ method: 'GET', path: '/api/packages', delayMs: 5000 })
    const started = Date.now()
    await assert.rejects(apiKeyClient(emu, { timeoutMs: 400 }).packages.get('p'), sdk.TimeoutError)
    assert.ok(Date.now() - started < 3000)
  }))

test('an HTML gateway error is a ServerError after the retries', () =>
  withEmulator(async (emu) => {
    emu.injectFault({ method: 'GET', status: 502, body: 'html', count: 10 })
    const err = await apiKeyClient(emu, { maxRetries: 1 }).packages.get('p').then(() => null, (e) => e)
    assert.ok(err instanceof sdk.ServerError)
    assert.equal(err.status, 502)
    assert.match(err.message, /HTML/)
    assert.equal(emu.requests().filter((r) => r === 'GET /api/packages/p').length, 2)
  }))

test('a POST whose connection drops after the request is sent exactly once', () =>
  withEmulator(async (emu) => {
    emu.injectFault({ method: 'POST', path: '/api/packages', action: 'dropAfter' })
    await assert.rejects(apiKeyClient(emu).packages.create({ name: 'once' }), sdk.TransportError)
    assert.equal(emu.requests().filter((r) => r === 'POST /api/packages').length, 1)
    assert.deepEqual(emu.events().map((e) => e.name), ['PACKAGE_CREATE'])
  }))

test('a bad fault is refused', () =>
  withEmulator(async (emu) => {
    assert.throws(() => emu.injectFault({ body: 'sideways' }), sdk.InvalidArgumentError)
  }))

test('a panic in the core rejects with a OneSpanError', async () => {
  // The native reply carries the error as data; guarded.js throws it as the class.
  const err = await guarded(native.__panicForTests)().then(() => null, (e) => e)
  assert.ok(err instanceof sdk.OneSpanError, String(err))
  assert.match(err.message, /deliberate panic/)
})

test('10,000 calls with 256 in flight share one client and its connections', () =>
  withEmulator(async (emu) => {
    const client = clientAppClient(emu)
    const id = await client.packages.create({ name: 'load' })
    await client.packages.get(id)
    let ok = 0
    async function round(calls) {
      let next = 0
      const started = Date.now()
      async function worker() {
        while (next < calls) {
          next += 1
          if ((await client.packages.signingStatus(id)) === 'DRAFT') ok += 1
        }
      }
      await Promise.all(Array.from({ length: 256 }, worker))
      const mib = (process.memoryUsage().rss / 2 ** 20).toFixed(0)
      return { ms: Date.now() - started, fds: readdirSync('/proc/self/fd').length, mib }
    }
    const first = await round(5_000)
    const second = await round(5_000)
    assert.equal(ok, 10_000)
    assert.equal(emu.tokenRequests, 1)
    // Pooled connections: the second round opens none beyond the first's.
    assert.ok(second.fds - first.fds <= 8, JSON.stringify({ first, second }))
    console.log(`10k calls, 256 in flight: ${JSON.stringify({ first, second })}`)
  }))

test('withOptions sets limits per call and shares connections and tokens', () =>
  withEmulator(async (emu) => {
    const client = clientAppClient(emu)
    const id = await client.packages.create({ name: 'p' })
    emu.injectFault({ method: 'GET', path: '/api/packages', delayMs: 3000 })
    await assert.rejects(client.withOptions({ timeoutMs: 300 }).packages.get(id), sdk.TimeoutError)
    assert.equal((await client.packages.get(id)).name, 'p')
    assert.equal(emu.tokenRequests, 1)
    assert.throws(() => client.withOptions({ timeoutMs: -1 }), sdk.InvalidArgumentError)
  }))
