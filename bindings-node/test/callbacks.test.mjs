// Callback configuration, and event delivery end to end through the Node binding.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
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

test('get, set, delete', () =>
  withEmulator(async (emu) => {
    const { callbacks } = apiKeyClient(emu)
    assert.equal((await callbacks.get()).url, undefined)
    const config = { url: 'https://example.com/hook', key: 'cb-key', events: ['PACKAGE_COMPLETE'] }
    assert.deepEqual(await callbacks.set(config), config)
    assert.deepEqual(await callbacks.get(), config)
    await callbacks.delete()
    assert.equal((await callbacks.get()).url, undefined)
    await assert.rejects(callbacks.set({ url: 'ftp://example.com' }), sdk.InvalidArgumentError)
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
      const got = await r.waitFor(7)
      const verified = got.map(({ body, authorization }) => sdk.verifyWebhook(body, authorization, 's3cret-key'))
      assert.deepEqual(verified.map((e) => e.name), [
        'PACKAGE_CREATE', 'PACKAGE_ACTIVATE',
        'DOCUMENT_SIGNED', 'SIGNER_COMPLETE', 'DOCUMENT_SIGNED', 'SIGNER_COMPLETE',
        'PACKAGE_COMPLETE',
      ])
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
