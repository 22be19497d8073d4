// Callback configuration, and event delivery end to end through the Node binding.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import util from 'node:util'
import { sdk, withEmulator, apiKeyClient, sentPackage } from './helpers.mjs'

/** A webhook endpoint on 127.0.0.1 keeping { authorization, body } per request. */
async function receiver() {
  const got = []
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      got.push({ authorization: req.headers.authorization, body: Buffer.concat(chunks) })
      res.writeHead(200).end()
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${server.address().port}/hook`
  async function waitFor(n) {
    for (let i = 0; i < 250 && got.length < n; i++) await new Promise((r) => setTimeout(r, 20))
    return [...got]
  }
  return { url, waitFor, close: () => new Promise((r) => server.close(r)) }
}

test('get, set, disable', () =>
  withEmulator(async (emu) => {
    const { callbacks } = apiKeyClient(emu)
    assert.equal((await callbacks.get()).url, undefined)
    const config = { url: 'https://example.com/hook', key: 'cb-key', events: ['PACKAGE_COMPLETE'] }
    assert.equal(await callbacks.set(config), undefined)
    assert.deepEqual(await callbacks.get(), config)
    await callbacks.disable()
    assert.deepEqual(await callbacks.get(), { ...config, events: [] })
    assert.equal(callbacks.delete, undefined)
    await assert.rejects(callbacks.set({ url: 'ftp://example.com' }), sdk.InvalidArgumentError)
  }))

test('authentication settings round trip and secrets never show in inspect', () =>
  withEmulator(async (emu) => {
    const { callbacks } = apiKeyClient(emu)
    const config = {
      url: 'https://example.com/hook',
      key: 'cb-key-9',
      events: ['PACKAGE_COMPLETE'],
      authType: sdk.CallbackAuthType.OAUTH2,
      oauthSetting: {
        clientId: 'cid',
        clientSecret: 'oauth-secret-1',
        authorizationServerUrl: 'https://auth.example.com/token',
        scope: 'hooks',
        grantType: 'client_credentials',
        ignoreSsl: false,
        username: 'u',
        password: 'oauth-pass-2',
        authMechanism: sdk.OAuthMechanism.BASIC_AUTH,
        customParameters: [{ key: 'audience', value: 'esl' }],
      },
      customHeaders: [{ key: 'X-Tenant', value: 't1' }],
    }
    await callbacks.set(config)
    const stored = await callbacks.get()
    assert.deepStrictEqual(stored, config)
    assert.deepStrictEqual(JSON.parse(JSON.stringify(stored)), config, 'the secrets are kept for round trips')
    const shown = util.inspect(stored, { depth: 5 }) + util.inspect(stored.oauthSetting) + util.format('%o', stored)
    for (const secret of ['cb-key-9', 'oauth-secret-1', 'oauth-pass-2']) assert.ok(!shown.includes(secret), shown)
    assert.ok(shown.includes('cid') && shown.includes('[REDACTED]'))
  }))

test('connector callbacks are per origin; an unknown origin is refused', () =>
  withEmulator(async (emu) => {
    const { callbacks } = apiKeyClient(emu)
    const sf = { url: 'https://sf.example.com/h', events: ['PACKAGE_COMPLETE'] }
    await callbacks.set(sf, { origin: 'salesforceOauth2' })
    await callbacks.set({ url: 'https://d.example.com/h' }, 'dynamics2015')
    assert.deepEqual(await callbacks.get({ origin: 'salesforceOauth2' }), sf)
    assert.equal((await callbacks.get('dynamics2015')).url, 'https://d.example.com/h')
    assert.equal((await callbacks.get({ origin: 'sharepoint' })).url, undefined)
    assert.equal((await callbacks.get()).url, undefined)
    for (const bad of ['nope', 'SalesforceOauth2']) {
      await assert.rejects(callbacks.get({ origin: bad }), sdk.InvalidArgumentError)
      await assert.rejects(callbacks.set(sf, { origin: bad }), sdk.InvalidArgumentError)
    }
    await assert.rejects(callbacks.get({ orign: 'dynamics' }), /unknown option "orign"/)
    await assert.rejects(callbacks.get('dynamics', { origin: 'dynamics' }), /both positionally and in the options/)
  }))

test('DELETE on the configuration is a 405 with a OneSpan error', () =>
  withEmulator(async (emu) => {
    const res = await fetch(`${emu.baseUrl}/api/callback`, { method: 'DELETE', headers: { authorization: `Basic ${emu.apiKey}` } })
    assert.equal(res.status, 405)
    const body = await res.json()
    assert.equal(body.code, 405)
    assert.equal(body.name, 'Method Not Allowed')
  }))

test('events are delivered, verified and in order', () =>
  withEmulator(async (emu) => {
    const r = await receiver()
    try {
      const client = apiKeyClient(emu)
      const events = ['PACKAGE_CREATE', 'PACKAGE_ACTIVATE', 'DOCUMENT_SIGNED', 'SIGNER_COMPLETE', 'PACKAGE_COMPLETE']
      await client.callbacks.set({ url: r.url, key: 's3cret-key', events })
      const p = await sentPackage(client)
      emu.completeSigning(p, 'Signer1')
      emu.completeSigning(p, 'Signer2')
      const got = await r.waitFor(9)
      const verified = got.map(({ body, authorization }) => sdk.verifyWebhook(body, authorization, 's3cret-key'))
      // Each signer signs the consent document and the lease.
      assert.deepEqual(verified.map((e) => e.name), [
        'PACKAGE_CREATE', 'PACKAGE_ACTIVATE',
        'DOCUMENT_SIGNED', 'DOCUMENT_SIGNED', 'SIGNER_COMPLETE',
        'DOCUMENT_SIGNED', 'DOCUMENT_SIGNED', 'SIGNER_COMPLETE',
        'PACKAGE_COMPLETE',
      ])
      assert.deepEqual(
        verified.filter((e) => e.name === 'DOCUMENT_SIGNED').map((e) => e.documentId),
        ['default-consent', 'doc1', 'default-consent', 'doc1'],
      )
      assert.deepEqual([...new Set(verified.map((e) => e.packageId))], [p])
      assert.throws(() => sdk.verifyWebhook(got[0].body, got[0].authorization, 'wrong'), sdk.WebhookVerificationError)
      assert.ok(emu.deliveries().every((d) => d.delivered))
    } finally {
      await r.close()
    }
  }))

test('a simulated decline carries the reason', () =>
  withEmulator(async (emu) => {
    const r = await receiver()
    try {
      const client = apiKeyClient(emu)
      await client.callbacks.set({ url: r.url, key: 'k', events: ['PACKAGE_DECLINE'] })
      const p = await sentPackage(client)
      emu.simulateEvent(p, 'PACKAGE_DECLINE', 'Signer2', 'Wrong address')
      const [{ body, authorization }] = await r.waitFor(1)
      const e = sdk.verifyWebhook(body, authorization, 'k')
      assert.deepEqual([e.name, e.message, e.sessionUser], ['PACKAGE_DECLINE', 'Wrong address', 'Signer2'])
      assert.equal((await client.packages.get(p)).status, 'DECLINED')
    } finally {
      await r.close()
    }
  }))

test('salesforceKey is base64 of the documented JSON, and registers on its connector', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const key = client.callbacks.salesforceKey('https://acme.my.salesforce.com', 'cid', 'rt-s3cret')
    assert.deepEqual(JSON.parse(Buffer.from(key, 'base64').toString()), {
      host: 'https://acme.my.salesforce.com',
      client_id: 'cid',
      refresh_token: 'rt-s3cret',
    })
    await client.callbacks.set({ url: 'https://example.com/sf', key, events: ['PACKAGE_COMPLETE'] }, { origin: 'salesforceOauth2' })
    assert.equal((await client.callbacks.get({ origin: 'salesforceOauth2' })).key, key)
    assert.throws(() => client.callbacks.salesforceKey('h', 'c', ''), /refreshToken must not be empty|refresh_token must not be empty/)
  }))
