// Client-app credentials acting as a sender (`senderEmail`), and the `eslApiVersion` every
// JSON request names.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import util from 'node:util'
import { setTimeout as sleep } from 'node:timers/promises'
import { clientAppClient, sdk, withEmulator } from './helpers.mjs'

const SENDER = 'ann.sender@example.com'

test('sender tokens act as that sender; the owner is the default', () =>
  withEmulator(async (emu) => {
    const asAnn = clientAppClient(emu, { senderEmail: SENDER })
    const id = await asAnn.packages.create({ name: 'by Ann' })
    assert.equal((await asAnn.packages.get(id)).sender.email, SENDER)
    const owner = clientAppClient(emu)
    const mine = await owner.packages.create({ name: 'by the owner' })
    assert.deepEqual((await owner.packages.get(mine)).sender, { id: emu.senderId, email: emu.senderEmail })
    assert.equal(emu.tokenRequests, 2)
  }))

test('a wrong secret as sender is an AuthenticationError', () =>
  withEmulator(async (emu) => {
    const client = clientAppClient(emu, { senderEmail: SENDER, clientSecret: 'wrong-s3cret' })
    const err = await client.packages.get('x').then(() => null, (e) => e)
    assert.ok(err instanceof sdk.AuthenticationError, String(err))
    assert.equal(err.status, 401)
    assert.ok(!util.inspect(err).includes('wrong-s3cret'))
  }))

test('an expiring sender token is refreshed unnoticed', () =>
  withEmulator(
    async (emu) => {
      const client = clientAppClient(emu, { senderEmail: SENDER })
      const id = await client.packages.create({ name: 'r' })
      await sleep(1100)
      assert.equal((await client.packages.get(id)).sender.email, SENDER)
      assert.equal(emu.tokenRequests, 2)
    },
    { tokenTtlMs: 400 },
  ))

test('50 concurrent calls on a cold sender client fetch one token', () =>
  withEmulator(async (emu) => {
    const client = clientAppClient(emu, { senderEmail: SENDER })
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => client.packages.create({ name: `p${i}` })))
    assert.equal(new Set(ids).size, 50)
    assert.equal(emu.tokenRequests, 1)
  }))

test('a bad senderEmail, or one without client-app credentials, is refused', () => {
  for (const bad of ['', 'not-an-email', 'a b@example.com']) {
    assert.throws(() => new sdk.Client({ clientId: 'i', clientSecret: 's', senderEmail: bad, baseUrl: 'http://127.0.0.1:9' }), sdk.InvalidArgumentError)
  }
  assert.throws(() => new sdk.Client({ apiKey: 'k', senderEmail: SENDER, baseUrl: 'http://127.0.0.1:9' }), /senderEmail|sender_email goes with client-app/)
  assert.throws(() => new sdk.Client({ clientId: 'i', clientSecret: 's', senderEmail: 5, baseUrl: 'http://127.0.0.1:9' }), /senderEmail must be a string, not number/)
})

test('every JSON request names the API version; eslApiVersion overrides it', async () => {
  const seen = []
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      seen.push([req.method, req.headers.accept, req.headers['content-type']])
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ id: 'p1', name: 'n' }))
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const baseUrl = `http://127.0.0.1:${server.address().port}`
  try {
    const client = new sdk.Client({ apiKey: 'k', baseUrl })
    await client.packages.get('p1')
    await client.packages.update('p1', { name: 'x' })
    const wanted = 'application/json; esl-api-version=11.68.0'
    assert.deepEqual(seen, [
      ['GET', wanted, undefined],
      ['PUT', wanted, wanted],
    ])
    seen.length = 0
    await new sdk.Client({ apiKey: 'k', baseUrl, eslApiVersion: '11.70.0' }).packages.get('p1')
    assert.equal(seen[0][1], 'application/json; esl-api-version=11.70.0')
    assert.throws(() => new sdk.Client({ apiKey: 'k', baseUrl, eslApiVersion: '1;x=2' }), sdk.InvalidArgumentError)
  } finally {
    server.close()
  }
})
