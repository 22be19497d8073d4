// The client's options and the arguments of its methods, as a JavaScript user gets them
// wrong: unknown names, wrong types. Each is an InvalidArgumentError in the SDK's words
// (never a Rust type), thrown by the constructor and rejected — never thrown — by a method.
// Also: services can be mocked the way test suites mock SDKs.
import { test, mock } from 'node:test'
import assert from 'node:assert/strict'
import { sdk, withEmulator, apiKeyClient } from './helpers.mjs'

const { Client, InvalidArgumentError } = sdk

// Words only Rust would use in a message.
const RUST_WORDS = /\b(String|Vec|i64|u64|u32|i32|usize|f64|napi|Option|serde|&str|struct|enum)\b|::/

function assertInvalid(error, pattern) {
  assert.ok(error instanceof InvalidArgumentError, `${error?.constructor?.name}: ${error?.message}`)
  assert.match(error.message, pattern)
  assert.doesNotMatch(error.message, RUST_WORDS)
  return true
}

const thrown = (f) => {
  try {
    f()
  } catch (e) {
    return e
  }
  return null
}

test('an unknown option is refused, naming the option it resembles', () =>
  withEmulator(async (emu) => {
    const base = { apiKey: emu.apiKey, baseUrl: emu.baseUrl }
    assertInvalid(thrown(() => new Client({ ...base, timeout: 5 })), /unknown option "timeout" \(did you mean "timeoutMs"\?\)/)
    assertInvalid(thrown(() => new Client({ ...base, max_retries: 1 })), /unknown option "max_retries".*maxRetries/)
    assertInvalid(thrown(() => new Client({ ...base, apikey: 'k' })), /unknown option "apikey" \(did you mean "apiKey"\?\)/)
    assertInvalid(thrown(() => new Client({ ...base, signal: AbortSignal.abort() })), /unknown option "signal"/)
    const client = new Client(base)
    assertInvalid(thrown(() => client.withOptions({ timeout: 5 })), /unknown option "timeout".*timeoutMs/)
    assertInvalid(thrown(() => client.withOptions({ proxy: 'http://127.0.0.1:1' })), /unknown option "proxy"; the options are timeoutMs, maxRetries/)
  }))

test('options of the wrong type are refused in JavaScript words', () =>
  withEmulator(async (emu) => {
    const base = { apiKey: emu.apiKey, baseUrl: emu.baseUrl }
    assertInvalid(thrown(() => new Client({ ...base, maxRetries: '3' })), /maxRetries must be a whole number of at least 0, not string/)
    assertInvalid(thrown(() => new Client({ ...base, maxRetries: 1.5 })), /maxRetries must be a whole number/)
    assertInvalid(thrown(() => new Client({ ...base, timeoutMs: 'soon' })), /timeoutMs must be a positive number of milliseconds, not string/)
    assertInvalid(thrown(() => new Client({ ...base, timeoutMs: 0 })), /timeoutMs must be a positive number of milliseconds/)
    assertInvalid(thrown(() => new Client({ baseUrl: emu.baseUrl, apiKey: 5 })), /apiKey must be a string, not number/)
    assertInvalid(thrown(() => new Client({ ...base, caBundle: ['a.pem'] })), /caBundle must be a string, not array/)
    assertInvalid(thrown(() => new Client('my-api-key')), /options must be an object, not string/)
    assertInvalid(thrown(() => new Client({ ...base }).withOptions({ maxRetries: -1 })), /maxRetries must be a whole number/)
  }))

test('a missing CA bundle names its path; a connection cap of 0 is refused', () =>
  withEmulator(async (emu) => {
    const base = { apiKey: emu.apiKey, baseUrl: emu.baseUrl }
    assertInvalid(thrown(() => new Client({ ...base, caBundle: '/nonexistent.pem' })), /\/nonexistent\.pem/)
    assertInvalid(thrown(() => new Client({ ...base, maxConnections: 0 })), /maxConnections must be a whole number of at least 1, not 0/)
    assertInvalid(thrown(() => new Client({ ...base, maxConnections: -1 })), /maxConnections must be a whole number/)
    // One connection is a valid cap: calls queue behind it.
    const one = new Client({ ...base, maxConnections: 1 })
    const ids = await Promise.all(Array.from({ length: 5 }, (_, i) => one.packages.create({ name: `p${i}` })))
    assert.equal(new Set(ids).size, 5)
  }))

test('arguments of the wrong type reject with InvalidArgumentError, never throw, and send nothing', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const pkg = { name: 'p' }
    const cases = [
      // Id
      [() => client.packages.get(5), /packageId must be a string, not number/],
      [() => client.packages.get(), /packageId must be a string, not undefined/],
      [() => client.packages.get(null), /packageId must be a string, not null/],
      [() => client.packages.get(['p']), /packageId must be a string, not array/],
      [() => client.packages.get(Buffer.from('p')), /packageId must be a string, not Buffer/],
      [() => client.packages.get(Symbol('p')), /packageId must be a string, not symbol/],
      [() => client.packages.get(10n), /packageId must be a string, not bigint/],
      [() => client.roles.get('p', () => 'r'), /roleId must be a string, not function/],
      [() => client.authTokens.createSingleUse('p', true), /signer must be a string, not boolean/],
      // OptId, OptText
      [() => client.packages.signingStatus('p', 5), /signer must be a string, not number/],
      [() => client.packages.signingStatus('p', null, ['d']), /document must be a string, not array/],
      [() => client.roles.signatureImage('p', 'r', 7), /format must be a string, not number/],
      // Ids
      [() => client.roles.reorder('p', 'Signer1'), /roleIds must be an array of strings, not string/],
      [() => client.roles.reorder('p', [1, 2]), /each of roleIds must be a string, not number/],
      [() => client.roles.reorder('p'), /roleIds must be an array of strings, not undefined/],
      // Model
      [() => client.packages.create([pkg]), /package must be .*not array/],
      [() => client.packages.create('Lease'), /package must be a Package object, not string/],
      [() => client.packages.update('p', 5), /package must be a Package .*not number/],
      [() => client.roles.create('p', null), /role must be a Role .*not null/],
      [() => client.callbacks.set(['http://x']), /config must be .*not array/],
      [() => client.packages.create({ name: 5 }), /name/],
      // Documents
      [() => client.packages.create(pkg, 'lease.pdf'), /documents must be an array of \{ name: string, content: Buffer \}, not string/],
      [() => client.packages.create(pkg, [{ name: 'a.pdf', content: 'text' }]), /documents must be an array of \{ name: string, content: Buffer \}/],
      [() => client.packages.create(pkg, [Buffer.from('%PDF')]), /documents must be an array/],
      [() => client.packages.create(pkg, Buffer.from('%PDF')), /documents must be an array.*not Buffer/],
    ]
    for (const [call, pattern] of cases) {
      let promise
      assert.doesNotThrow(() => {
        promise = call()
      }, String(pattern))
      assert.equal(typeof promise?.then, 'function', String(pattern))
      await assert.rejects(promise, (e) => assertInvalid(e, pattern))
    }
    assert.deepEqual(emu.requests(), [])
  }))

test('services can be mocked and restored (node:test mock.method, as jest.spyOn does)', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const fake = mock.method(client.packages, 'create', async (pkg) => `fake-${pkg.name}`)
    assert.equal(await client.packages.create({ name: 'Lease' }), 'fake-Lease')
    assert.equal(fake.mock.callCount(), 1)
    assert.deepEqual(fake.mock.calls[0].arguments, [{ name: 'Lease' }])
    assert.deepEqual(emu.requests(), [])
    fake.mock.restore()
    const id = await client.packages.create({ name: 'real' })
    assert.deepEqual(emu.requests(), ['POST /api/packages'])

    // A spy that calls through, as jest.spyOn without an implementation.
    const spy = mock.method(client.packages, 'get')
    assert.equal((await client.packages.get(id)).name, 'real')
    assert.equal(spy.mock.callCount(), 1)
    await assert.rejects(client.packages.get('missing'), sdk.NotFoundError)
    mock.restoreAll()

    // Plain assignment works too, on every service.
    for (const name of ['packages', 'roles', 'authTokens', 'callbacks']) {
      const service = client[name]
      const original = service.get ?? service.createSingleUse
      const key = service.get ? 'get' : 'createSingleUse'
      service[key] = async () => 'stub'
      assert.equal(await service[key]('p', 'r'), 'stub')
      service[key] = original
    }
    assert.equal((await client.packages.get(id)).name, 'real')
  }))
