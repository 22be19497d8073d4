// OAuth 2.0 client credentials against the emulator's token endpoint (`/oauth2/token`).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import util from 'node:util'
import { setTimeout as sleep } from 'node:timers/promises'
import { sdk, withEmulator } from './helpers.mjs'

function oauthClient(emu, extra = {}) {
  return new sdk.Client({
    oauthClientId: emu.oauthClientId,
    oauthClientSecret: emu.oauthClientSecret,
    oauthTokenUrl: emu.oauthTokenUrl,
    baseUrl: emu.baseUrl,
    ...extra,
  })
}

test('the emulator exposes its OAuth client', () =>
  withEmulator(async (emu) => {
    assert.equal(emu.oauthTokenUrl, `${emu.baseUrl}/oauth2/token`)
    assert.ok(emu.oauthClientId && emu.oauthClientSecret)
    assert.ok(!util.inspect(emu).includes(emu.oauthClientSecret))
  }))

test('OAuth credentials are accepted, one token for both calls', () =>
  withEmulator(async (emu) => {
    const client = oauthClient(emu)
    const id = await client.packages.create({ name: 'o' })
    assert.equal((await client.packages.get(id)).name, 'o')
    assert.equal(emu.tokenRequests, 1)
  }))

test('a senderId is accepted', () =>
  withEmulator(async (emu) => {
    assert.ok(await oauthClient(emu, { senderId: 'sender-7' }).packages.create({ name: 's' }))
  }))

test('a wrong secret is an AuthenticationError naming invalid_client', () =>
  withEmulator(async (emu) => {
    const client = oauthClient(emu, { oauthClientSecret: 'wrong-oauth-s3cret' })
    const err = await client.packages.get('x').then(() => null, (e) => e)
    assert.ok(err instanceof sdk.AuthenticationError, String(err))
    assert.equal(err.status, 401)
    assert.match(err.message, /invalid_client/)
    assert.ok(!util.inspect(err).includes('wrong-oauth-s3cret'))
  }))

test('an expiring token is refreshed unnoticed', () =>
  withEmulator(
    async (emu) => {
      const client = oauthClient(emu)
      const id = await client.packages.create({ name: 'r' })
      await sleep(1100)
      assert.equal((await client.packages.get(id)).name, 'r')
      assert.equal(emu.tokenRequests, 2)
    },
    { tokenTtlMs: 400 },
  ))

test('a revoked token is fetched again on 401', () =>
  withEmulator(async (emu) => {
    const client = oauthClient(emu)
    const id = await client.packages.create({ name: 'v' })
    emu.expireTokens()
    assert.equal((await client.packages.get(id)).id, id)
    assert.equal(emu.tokenRequests, 2)
  }))

test('50 concurrent calls on a cold client fetch one token', () =>
  withEmulator(async (emu) => {
    const client = oauthClient(emu)
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => client.packages.create({ name: `p${i}` })))
    assert.equal(new Set(ids).size, 50)
    assert.equal(emu.tokenRequests, 1)
  }))

test('one kind of credentials per client; a plain-http token URL elsewhere is refused', () => {
  const oauth = { oauthClientId: 'i', oauthClientSecret: 's', oauthTokenUrl: 'https://auth.example.com/t', baseUrl: 'http://127.0.0.1:9' }
  assert.throws(() => new sdk.Client({ ...oauth, apiKey: 'k' }), sdk.InvalidArgumentError)
  assert.throws(() => new sdk.Client({ ...oauth, clientId: 'i', clientSecret: 's' }), sdk.InvalidArgumentError)
  assert.throws(() => new sdk.Client({ apiKey: 'k', senderId: 'x', baseUrl: 'http://127.0.0.1:9' }), sdk.InvalidArgumentError)
  assert.throws(() => new sdk.Client({ ...oauth, oauthTokenUrl: 'http://auth.example.com/t' }), sdk.InvalidArgumentError)
  assert.throws(() => new sdk.Client({ oauthClientId: 'i', oauthTokenUrl: 'https://a.example.com/t', baseUrl: 'http://127.0.0.1:9' }), sdk.InvalidArgumentError)
})

test('the secret never shows in inspect, toString or the logger', () =>
  withEmulator(async (emu) => {
    const records = []
    const logger = { debug: (message, fields) => records.push(`${message} ${JSON.stringify(fields)}`) }
    const client = oauthClient(emu, { logger })
    await client.packages.create({ name: 'l' })
    const deadline = Date.now() + 2000
    while (records.length < 2 && Date.now() < deadline) await sleep(5)
    assert.ok(records.some((r) => r.startsWith('API-token fetch')), records.join('\n'))
    const built = new sdk.Client({ oauthClientId: 'app', oauthClientSecret: 'sup3r-oauth-s3cret', oauthTokenUrl: 'https://a.example.com/t' })
    const shown = [util.inspect(client), String(client), util.inspect(built), String(built), JSON.stringify(built), ...records]
    for (const text of shown) {
      assert.ok(!text.includes(emu.oauthClientSecret) && !text.includes('sup3r-oauth-s3cret'), text)
    }
  }))
