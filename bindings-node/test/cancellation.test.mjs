// Cancelling a request with an AbortSignal: the Promise rejects at once with an error
// named 'AbortError', and the request is dropped on the native side — the emulator sees the
// connection close (a delayed handler never runs), no retry follows, and a call still
// waiting for a connection never sends.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { sdk, withEmulator, apiKeyClient, twoSignerPackage } from './helpers.mjs'

const settle = (p) => p.then((value) => ({ value }), (error) => ({ error }))

function assertAbort(error, reason) {
  assert.ok(error, 'the call resolved')
  assert.equal(error.name, 'AbortError', String(error))
  assert.equal(error.code, 'ABORT_ERR')
  assert.ok(!(error instanceof sdk.OneSpanError))
  if (reason !== undefined) assert.equal(error.cause, reason)
}

test('aborting a slow call rejects within milliseconds with an AbortError', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const id = await client.packages.create({ name: 'slow' })
    emu.injectFault({ method: 'GET', path: `/api/packages/${id}`, delayMs: 5000 })
    const controller = new AbortController()
    const started = Date.now()
    const pending = settle(client.packages.get(id, { signal: controller.signal }))
    await sleep(100)
    const abortedAt = Date.now()
    controller.abort()
    const { error } = await pending
    const latency = Date.now() - abortedAt
    assertAbort(error, controller.signal.reason)
    assert.ok(error.cause.name === 'AbortError') // the default reason, a DOMException
    assert.ok(latency < 200, `rejected ${latency} ms after abort`)
    assert.ok(Date.now() - started < 300)
    console.log(`abort latency: ${latency} ms`)
  }))

test('a custom abort reason is the cause', () =>
  withEmulator(async (emu) => {
    emu.injectFault({ method: 'GET', delayMs: 5000 })
    const controller = new AbortController()
    const pending = settle(apiKeyClient(emu).callbacks.get({ signal: controller.signal }))
    const reason = new Error('user left the page')
    setTimeout(() => controller.abort(reason), 50)
    assertAbort((await pending).error, reason)
  }))

test('an already-aborted signal rejects without sending anything', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const before = emu.apiRequests
    const signal = AbortSignal.abort()
    for (const call of [
      () => client.packages.get('p', { signal }),
      () => client.packages.create({ name: 'never' }, { signal }),
      () => client.packages.create({ name: 'never' }, [], { signal }),
      () => client.packages.signingStatus('p', { signal }),
      () => client.roles.reorder('p', ['a'], { signal }),
      () => client.callbacks.get({ signal }),
    ]) {
      assertAbort((await settle(call())).error, signal.reason)
    }
    await sleep(50)
    assert.equal(emu.apiRequests, before)
    assert.deepEqual(emu.requests(), [])
    assert.deepEqual(emu.events(), [])
  }))

test('an aborted request is dropped: the emulator sees the connection close, and the handler never runs', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    emu.injectFault({ method: 'POST', path: '/api/packages', delayMs: 600 })
    const controller = new AbortController()
    const pending = settle(client.packages.create({ name: 'dropped' }, { signal: controller.signal }))
    await sleep(100)
    controller.abort()
    assertAbort((await pending).error)
    // Past the delay: had the request stayed open, the emulator would now create the package.
    await sleep(900)
    assert.deepEqual(emu.requests().filter((r) => r.startsWith('POST')), ['POST /api/packages'])
    assert.deepEqual(emu.events(), [], 'the emulator handled a request the client had dropped')
    // The client is unharmed.
    assert.ok(await client.packages.create({ name: 'after' }))
  }))

test('an abort during a retry wait stops the retries', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu, { maxRetries: 3 })
    emu.injectFault({ method: 'GET', status: 503, retryAfter: 1, count: 10 })
    const controller = new AbortController()
    const pending = settle(client.callbacks.get({ signal: controller.signal }))
    await sleep(200)
    assert.deepEqual(emu.requests(), ['GET /api/callback'])
    controller.abort()
    assertAbort((await pending).error)
    await sleep(1300)
    assert.deepEqual(emu.requests(), ['GET /api/callback'], 'a retry was sent after the abort')
  }))

test('a call aborted while queued for a connection never sends', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu, { maxConnections: 1 })
    emu.injectFault({ method: 'GET', path: '/api/callback', delayMs: 400 })
    const first = client.callbacks.get()
    await sleep(50)
    const controller = new AbortController()
    const queued = settle(client.packages.get('queued', { signal: controller.signal }))
    await sleep(50)
    controller.abort()
    assertAbort((await queued).error)
    await first
    await sleep(100)
    assert.deepEqual(emu.requests(), ['GET /api/callback'])
  }))

test('the options object comes after positional optional arguments, or in their place', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const { signal } = new AbortController()
    const id = await client.packages.create(twoSignerPackage(), [{ name: 'd.pdf', content: Buffer.from('%PDF-1.4') }], { signal })
    await client.packages.send(id, { signal })
    assert.equal(await client.packages.signingStatus(id, { signal }), 'SIGNING_PENDING')
    assert.equal(await client.packages.signingStatus(id, undefined, undefined, { signal }), 'SIGNING_PENDING')
    assert.equal(await client.packages.signingStatus(id, 'Signer1', { signal }), 'SIGNING_PENDING')
    assert.equal(await client.packages.signingStatus(id, 'Signer1', null, {}), 'SIGNING_PENDING')
    emu.completeSigning(id, 'Signer1')
    const png = await client.roles.signatureImage(id, 'Signer1', { signal })
    const gif = await client.roles.signatureImage(id, 'Signer1', 'gif', { signal })
    assert.equal(png.subarray(1, 4).toString(), 'PNG')
    assert.equal(gif.subarray(0, 3).toString(), 'GIF')
    // A signal that never fires changes nothing, and one signal may serve many calls.
    const many = await Promise.all(Array.from({ length: 50 }, () => client.packages.get(id, { signal })))
    assert.equal(many.length, 50)
    assert.equal((await client.packages.get(id, undefined)).name, 'Lease')
    assert.equal((await client.packages.get(id, null)).name, 'Lease')
  }))

test('a bad options object is an InvalidArgumentError, as a rejected Promise', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const cases = [
      [() => client.packages.get('p', { signal: undefined, timeout: 5 }), /unknown option "timeout" for packages\.get; the options are signal/],
      [() => client.packages.signingStatus('p', { sigal: 1 }), /unknown option "sigal".*in place of signer/],
      [() => client.packages.get('p', { signal: 'soon' }), /signal must be an AbortSignal, not string/],
      [() => client.packages.get('p', { signal: {} }), /signal must be an AbortSignal, not object/],
      [() => client.packages.get('p', 5), /options of packages\.get must be an object such as \{ signal \}, not number/],
      [() => client.packages.get('p', [AbortSignal.abort()]), /must be an object.*not array/],
      [() => client.packages.get('p', {}, {}), /packages\.get takes at most 2 arguments \(packageId, options\), not 3/],
    ]
    for (const [call, message] of cases) {
      let promise
      assert.doesNotThrow(() => {
        promise = call()
      })
      assert.ok(promise instanceof Promise)
      await assert.rejects(promise, (e) => e instanceof sdk.InvalidArgumentError && message.test(e.message), String(message))
    }
    assert.equal(emu.apiRequests, 0)
  }))
