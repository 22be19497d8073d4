// Both kinds of credentials, token caching and refresh, against the emulator.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import util from 'node:util'
import { sdk, withEmulator, apiKeyClient, clientAppClient } from './helpers.mjs'

test('API key is accepted and needs no token', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const id = await client.packages.create({ name: 'k' })
    assert.equal((await client.packages.get(id)).name, 'k')
    assert.equal(emu.tokenRequests, 0)
  }))

test('wrong API key is an AuthenticationError', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu, { apiKey: 'wrong-key-123' })
    const err = await client.packages.get('x').then(() => null, (e) => e)
    assert.ok(err instanceof sdk.AuthenticationError, String(err))
    assert.ok(err instanceof sdk.ApiError && err instanceof sdk.OneSpanError && err instanceof Error)
    assert.equal(err.status, 401)
    assert.equal(err.messageKey, 'error.unauthorised.noUser')
    assert.equal(err.name, 'AuthenticationError')
    assert.ok(!util.inspect(err).includes('wrong-key-123'))
  }))

test('client-app credentials are accepted', () =>
  withEmulator(async (emu) => {
    const client = clientAppClient(emu)
    const id = await client.packages.create({ name: 'c' })
    assert.equal((await client.packages.get(id)).id, id)
    assert.equal(emu.tokenRequests, 1)
  }))

test('wrong client secret is an AuthenticationError', () =>
  withEmulator(async (emu) => {
    const client = clientAppClient(emu, { clientSecret: 'nope-secret' })
    await assert.rejects(client.packages.get('x'), (e) => e instanceof sdk.AuthenticationError && e.status === 401)
  }))

test('an expiring token is refreshed unnoticed', () =>
  withEmulator(
    async (emu) => {
      const client = clientAppClient(emu)
      const id = await client.packages.create({ name: 'r' })
      await new Promise((r) => setTimeout(r, 600))
      assert.equal((await client.packages.get(id)).name, 'r')
      assert.equal(emu.tokenRequests, 2)
    },
    { tokenTtlMs: 400 },
  ))

test('a revoked token is fetched again on 401', () =>
  withEmulator(async (emu) => {
    const client = clientAppClient(emu)
    const id = await client.packages.create({ name: 'v' })
    emu.expireTokens()
    assert.equal((await client.packages.get(id)).id, id)
    assert.equal(emu.tokenRequests, 2)
  }))

test('50 concurrent calls on a cold client fetch one token', () =>
  withEmulator(async (emu) => {
    const client = clientAppClient(emu)
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => client.packages.create({ name: `p${i}` })))
    assert.equal(new Set(ids).size, 50)
    assert.equal(emu.tokenRequests, 1)
  }))

test('conflicting or missing credentials throw InvalidArgumentError at construction', () => {
  assert.throws(
    () => new sdk.Client({ apiKey: 'k', clientId: 'i', clientSecret: 's', baseUrl: 'http://127.0.0.1:9' }),
    sdk.InvalidArgumentError,
  )
  assert.throws(() => new sdk.Client({ clientId: 'i', baseUrl: 'http://127.0.0.1:9' }), sdk.InvalidArgumentError)
  assert.throws(() => new sdk.Client({ apiKey: 'k', environment: 'mars' }), sdk.InvalidArgumentError)
})

test('secrets never show in inspect or toString', () =>
  withEmulator(async (emu) => {
    const client = clientAppClient(emu, { clientSecret: 'sup3r-s3cret' })
    for (const shown of [util.inspect(client), String(client), util.inspect(client.packages), JSON.stringify(client)]) {
      assert.ok(!shown.includes('sup3r-s3cret'), shown)
    }
    assert.ok(!util.inspect(emu).includes(emu.apiKey))
  }))

test('the User-Agent names the binding and its version', () =>
  withEmulator(async (emu) => {
    await apiKeyClient(emu).packages.create({ name: 'ua' })
    const { version } = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')))
    assert.match(emu.lastUserAgent, new RegExp(`^onespan-sign-node/${version.replace(/\./g, '\\.')} onespan-sign-rust/`))
  }))
