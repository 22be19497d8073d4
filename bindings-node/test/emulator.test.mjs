// The emulator object itself: options, reading what it recorded after it stops, and
// stopping for real (a request in flight is cut off, no connection is accepted).
// Requests go over plain HTTP with fetch, so these tests depend on the emulator only.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import net from 'node:net'
import { sdk } from './helpers.mjs'

const { Emulator } = sdk

async function call(emu, method, path, body, { auth = true } = {}) {
  const headers = { 'user-agent': 'test-emulator/1' }
  if (auth) headers.authorization = `Basic ${emu.apiKey}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(emu.baseUrl + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null }
}

/** A webhook receiver on 127.0.0.1 that records what it gets. */
async function receiver() {
  const got = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      got.push({ authorization: req.headers.authorization, body: JSON.parse(body) })
      res.writeHead(200).end()
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${server.address().port}/hook`, got, close: () => server.close() }
}

async function waitFor(condition, limitMs = 5000) {
  const deadline = Date.now() + limitMs
  while (Date.now() < deadline) {
    if (condition()) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return condition()
}

test('what was recorded is readable after stop', async () => {
  const hook = await receiver()
  try {
    const emu = await Emulator.start()
    assert.equal(
      (await call(emu, 'POST', '/api/callback', { url: hook.url, key: 'cb-key', events: ['PACKAGE_CREATE'] })).status,
      200,
    )
    const created = await call(emu, 'POST', '/api/packages', {
      name: 'Lease',
      roles: [{ id: 'Signer1', signers: [{ email: 'ann@example.com' }] }],
      documents: [{ name: 'Lease', approvals: [{ role: 'Signer1', fields: [{ type: 'SIGNATURE' }] }] }],
    })
    assert.equal(created.status, 200)
    const id = created.body.id
    assert.equal((await call(emu, 'PUT', `/api/packages/${id}`, { status: 'SENT' })).status, 200)
    assert.equal((await call(emu, 'POST', `/api/packages/${id}/roles/Signer1/notifications`, {})).status, 200)
    assert.ok(await waitFor(() => emu.deliveries().some((d) => d.delivered)))

    await emu.stop()

    assert.deepEqual(
      emu.deliveries().map((d) => [d.eventName, d.packageId, d.delivered, d.status]),
      [['PACKAGE_CREATE', id, true, 200]],
    )
    assert.deepEqual(emu.events().map((e) => e.name), ['PACKAGE_CREATE', 'PACKAGE_ACTIVATE'])
    assert.deepEqual(emu.requests(), [
      'POST /api/callback',
      'POST /api/packages',
      `PUT /api/packages/${id}`,
      `POST /api/packages/${id}/roles/Signer1/notifications`,
    ])
    assert.deepEqual(emu.notifications(), [{ kind: 'email', packageId: id, roleId: 'Signer1', to: 'ann@example.com' }])
    assert.equal(emu.apiRequests, 4)
    assert.equal(emu.tokenRequests, 0)
    assert.equal(emu.lastUserAgent, 'test-emulator/1')
    assert.equal(hook.got.length, 1)
    assert.equal(hook.got[0].authorization, 'Basic cb-key')
    assert.equal(hook.got[0].body.name, 'PACKAGE_CREATE')
    // Controls that would change it refuse; stopping again does nothing.
    assert.throws(() => emu.reset(), /stopped/)
    assert.throws(() => emu.injectFault({ status: 503 }), /stopped/)
    await emu.stop()
    assert.equal(emu.events().length, 2)
  } finally {
    hook.close()
  }
})

test('stop cuts off a request in flight and refuses new connections', async () => {
  const emu = await Emulator.start()
  const port = Number(new URL(emu.baseUrl).port)
  emu.injectFault({ method: 'POST', path: '/api/packages', delayMs: 2000 })
  const inFlight = call(emu, 'POST', '/api/packages', { name: 'too late' }).then(
    (answer) => ({ answer }),
    (error) => ({ error }),
  )
  assert.ok(await waitFor(() => emu.requests().length === 1), 'the request reached the emulator')

  const started = Date.now()
  await emu.stop()
  const took = Date.now() - started
  assert.ok(took < 1000, `stop waited ${took} ms for the request in flight`)

  const outcome = await Promise.race([
    inFlight,
    new Promise((resolve) => setTimeout(() => resolve({ pending: true }), 1000)),
  ])
  assert.ok(!outcome.pending, 'the request is still in flight after stop')
  assert.ok(outcome.error, `answered after stop: ${JSON.stringify(outcome.answer)}`)
  // Its handler never ran, not even once the delay was up.
  await new Promise((r) => setTimeout(r, 2200))
  assert.deepEqual(emu.events(), [])
  await assert.rejects(
    new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end()
        resolve()
      })
      socket.on('error', reject)
    }),
    /ECONNREFUSED/,
  )
})

test('start options in Node words', async () => {
  const emu = await Emulator.start({ apiKey: 'key', clientId: 'id', clientSecret: 'secret', tokenTtlMs: 500, port: undefined })
  try {
    assert.deepEqual([emu.apiKey, emu.clientId, emu.clientSecret], ['key', 'id', 'secret'])
    const before = Date.now()
    const token = await call(emu, 'POST', '/apitoken/clientApp/accessToken', { clientId: 'id', secret: 'secret' }, { auth: false })
    assert.equal(token.status, 200)
    assert.ok(token.body.expiresAt >= before + 300 && token.body.expiresAt <= before + 1500, `${token.body.expiresAt}`)
  } finally {
    await emu.stop()
  }
})

test('unknown options and wrong types are named as Node spells them', async () => {
  const refusal = async (options) => {
    const err = await Emulator.start(options).then(
      async (emu) => {
        await emu.stop()
        return null
      },
      (e) => e,
    )
    assert.ok(err instanceof sdk.InvalidArgumentError, `${err}`)
    return err.message
  }
  const unknown = await refusal({ tokenTtl: 5 })
  assert.match(unknown, /unknown option 'tokenTtl'/)
  assert.match(unknown, /tokenTtlMs, signerTokenTtlMs, retryDeliveries/)
  assert.match(await refusal({ retryDeliveries: 'yes' }), /'retryDeliveries' must be true or false/)
  assert.match(await refusal({ port: '8080' }), /'port' must be a whole number from 0 to 65535/)
  assert.match(await refusal({ apiKey: 5 }), /'apiKey' must be a string/)
  assert.match(await refusal({ tokenTtlMs: -1 }), /'tokenTtlMs' must be a number of milliseconds, 0 or more/)

  const emu = await Emulator.start()
  try {
    const faultRefusal = (fault) => {
      try {
        emu.injectFault(fault)
      } catch (e) {
        assert.ok(e instanceof sdk.InvalidArgumentError, `${e}`)
        return e.message
      }
      assert.fail('accepted')
    }
    assert.match(faultRefusal({ delay: 5 }), /unknown fault option 'delay'.*delayMs, status, retryAfter/)
    assert.match(faultRefusal({ body: 'sideways' }), /'body' must be one of/)
    assert.match(faultRefusal({ retryAfter: 'soon' }), /'retryAfter' must be a whole number/)
    assert.match(faultRefusal({ action: 'explode' }), /"drop", "dropAfter" or "cut"/)
    assert.throws(() => emu.setTokenTtl(-1), /'ttlMs' must be a number of milliseconds/)
  } finally {
    await emu.stop()
  }
})

test('fault options in Node words', async () => {
  const emu = await Emulator.start()
  try {
    emu.injectFault({ method: 'GET', path: '/api/callback', status: 503, retryAfter: 3, body: 'json', count: 2 })
    for (let i = 0; i < 2; i++) {
      const a = await call(emu, 'GET', '/api/callback')
      assert.equal(a.status, 503)
      assert.equal(a.headers.get('retry-after'), '3')
      assert.equal(a.body.messageKey, 'error.emulator.injectedFault')
    }
    assert.equal((await call(emu, 'GET', '/api/callback')).status, 200)
    emu.injectFault({ method: 'GET', delayMs: 300 })
    const started = Date.now()
    assert.equal((await call(emu, 'GET', '/api/callback')).status, 200)
    assert.ok(Date.now() - started >= 280)
  } finally {
    await emu.stop()
  }
})

/** A loopback port nothing listens on. */
async function freePort() {
  const server = net.createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

for (const retry of [false, true]) {
  test(`a failed delivery is ${retry ? 'retried with retryDeliveries' : 'never resent, as on the service'}`, async () => {
    const nobody = `http://127.0.0.1:${await freePort()}/hook`
    const emu = await Emulator.start({ retryDeliveries: retry })
    try {
      await call(emu, 'POST', '/api/callback', { url: nobody, events: ['PACKAGE_CREATE'] })
      await call(emu, 'POST', '/api/packages', { name: 'lost' })
      const want = retry ? 4 : 1
      assert.ok(await waitFor(() => emu.deliveries().length >= want))
      await new Promise((resolve) => setTimeout(resolve, 500))
      assert.deepEqual(
        emu.deliveries().map((d) => [d.attempt, d.delivered, d.status ?? null]),
        Array.from({ length: want }, (_, i) => [i + 1, false, null]),
      )
    } finally {
      await emu.stop()
    }
  })
}

test('the sender is exposed and owns every package', async () => {
  const emu = await Emulator.start()
  try {
    assert.ok(emu.senderId && emu.senderEmail.includes('@'))
    const { body } = await call(emu, 'POST', '/api/packages', { name: 'owned' })
    const pkg = (await call(emu, 'GET', `/api/packages/${body.id}`)).body
    const owner = pkg.roles[0]
    assert.deepEqual([owner.id, owner.type, owner.signers[0].email], [emu.senderId, 'SENDER', emu.senderEmail])
    assert.deepEqual(pkg.documents.map((d) => d.id), ['default-consent'])
  } finally {
    await emu.stop()
  }
})
