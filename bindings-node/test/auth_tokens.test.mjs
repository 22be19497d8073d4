// Signer authentication tokens and signing-session URLs (signing status: packages.test.mjs).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sdk, withEmulator, apiKeyClient, twoSignerPackage, sentPackage, openUrl } from './helpers.mjs'

test('tokens need a sent package', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const p = await client.packages.create(twoSignerPackage('D'))
    await assert.rejects(
      client.authTokens.createSingleUse(p, 'Signer1'),
      (e) => e instanceof sdk.BadRequestError && e.messageKey === 'error.validation.invalidPackageState',
    )
  }))

test('a single-use token opens one session', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const p = await sentPackage(client)
    const token = await client.authTokens.createSingleUse(p, 'Signer1')
    const url = client.authTokens.signingUrl(token)
    assert.equal(url, `${emu.baseUrl}/auth?signerAuthenticationToken=${token}`)
    assert.equal(await openUrl(url), 200)
    assert.equal(await openUrl(url), 401)
  }))

test('multi-use and signer tokens open many sessions; email identifies the signer', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const p = await sentPackage(client)
    for (const token of [await client.authTokens.createMultiUse(p, 'bob@example.com'), await client.authTokens.createSignerToken(p, 'Signer2')]) {
      const url = client.authTokens.signingUrl(token)
      assert.deepEqual([await openUrl(url), await openUrl(url)], [200, 200])
    }
    await assert.rejects(client.authTokens.createMultiUse(p, 'nobody@example.com'), sdk.NotFoundError)
  }))

test('tokens expire', () =>
  withEmulator(
    async (emu) => {
      const client = apiKeyClient(emu)
      const p = await sentPackage(client)
      const token = await client.authTokens.createMultiUse(p, 'Signer1')
      await new Promise((r) => setTimeout(r, 500))
      assert.equal(await openUrl(client.authTokens.signingUrl(token)), 401)
    },
    { signerTokenTtlMs: 300 },
  ))

test('bad arguments fail before any request', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    await assert.rejects(client.authTokens.createSingleUse('', 'Signer1'), sdk.InvalidArgumentError)
    assert.throws(() => client.authTokens.signingUrl(''), sdk.InvalidArgumentError)
    assert.equal(emu.apiRequests, 0)
  }))

test('signingUrl with { packageId } names the transaction target', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const p = await sentPackage(client)
    const token = await client.authTokens.createSingleUse(p, 'Signer1')
    const target = encodeURIComponent(`${emu.baseUrl}/transaction/${p}/sign`)
    const expected = `${emu.baseUrl}/auth?signerAuthenticationToken=${token}&target=${target}`
    assert.equal(client.authTokens.signingUrl(token, { packageId: p }), expected)
    assert.equal(client.authTokens.signingUrl(token, p), expected)
    assert.equal(client.authTokens.signingUrl(token), `${emu.baseUrl}/auth?signerAuthenticationToken=${token}`)
    assert.equal(await openUrl(expected), 200)
    assert.throws(() => client.authTokens.signingUrl(token, { packageID: p }), /unknown option "packageID"/)
    assert.throws(() => client.authTokens.signingUrl(token, { packageId: 5 }), /packageId must be a string/)
  }))

test('a sender token opens the designer once', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const p = await client.packages.create(twoSignerPackage('To design'))
    const token = await client.authTokens.createSenderToken(p)
    const url = client.authTokens.designerUrl(token, p)
    assert.equal(url, `${emu.baseUrl}/auth?senderAuthenticationToken=${token}&target=${encodeURIComponent(`${emu.baseUrl}/designer/${p}`)}`)
    assert.equal(await openUrl(url), 200)
    assert.equal(await openUrl(url), 401)
    await assert.rejects(client.authTokens.createSenderToken('no-such-package'), sdk.NotFoundError)
    await assert.rejects(client.authTokens.createSenderToken(''), sdk.InvalidArgumentError)
    assert.throws(() => client.authTokens.designerUrl(token, ''), sdk.InvalidArgumentError)
  }))
