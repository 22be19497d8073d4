// Proxies (core/src/net.rs) from Node: the proxy variables never apply to loopback, so the
// emulator is reachable whatever they say; an explicit proxy's password never shows.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import net from 'node:net'
import util from 'node:util'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { sdk, withEmulator } from './helpers.mjs'

const INDEX = fileURLToPath(new URL('../index.js', import.meta.url))

/** A loopback port nothing listens on (bound, then closed). */
async function deadPort() {
  const server = net.createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

const CHILD = `
const { Client, Emulator } = require(${JSON.stringify(INDEX)})
;(async () => {
  const emu = await Emulator.start()
  try {
    const byKey = new Client({ apiKey: emu.apiKey, baseUrl: emu.baseUrl, maxRetries: 0, timeoutMs: 5000 })
    const id = await byKey.packages.create({ name: 'direct' })
    const byApp = new Client({ clientId: emu.clientId, clientSecret: emu.clientSecret, baseUrl: emu.baseUrl.replace('127.0.0.1', 'localhost'), maxRetries: 0, timeoutMs: 5000 })
    const got = await byApp.packages.get(id)
    process.stdout.write(JSON.stringify({ name: got.name, tokenRequests: emu.tokenRequests }))
  } finally {
    await emu.stop()
  }
})().catch((e) => { process.stdout.write(JSON.stringify({ error: e.name + ': ' + e.message })); process.exitCode = 1 })
`

test('with every proxy variable pointing at a dead port, the emulator on loopback is still reached', async () => {
  const dead = `http://127.0.0.1:${await deadPort()}`
  const env = { ...process.env }
  for (const name of ['NO_PROXY', 'no_proxy']) delete env[name]
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy']) env[name] = dead
  const r = spawnSync(process.execPath, ['-e', CHILD], { env, encoding: 'utf8', timeout: 60_000 })
  assert.equal(r.status, 0, r.stdout + r.stderr)
  assert.deepEqual(JSON.parse(r.stdout), { name: 'direct', tokenRequests: 1 })
})

test("an explicit proxy's password never shows: not in inspect, toString, or errors", () =>
  withEmulator(async (emu) => {
    const dead = await deadPort()
    const proxy = `http://user:pw@127.0.0.1:${dead}`
    const hides = (text) => !text.includes(':pw@') && !/\bpw\b/.test(text)
    const client = new sdk.Client({ apiKey: emu.apiKey, baseUrl: emu.baseUrl, proxy })
    for (const shown of [util.inspect(client), String(client), JSON.stringify(client), util.inspect(client, { showHidden: true, depth: 5 })]) {
      assert.ok(hides(shown), shown)
    }
    // Loopback is direct even with an explicit proxy.
    assert.ok(await client.packages.create({ name: 'direct' }))

    // A remote base URL goes through the proxy, which is dead: the error names the proxy.
    const remote = new sdk.Client({ apiKey: 'k', baseUrl: 'https://onespan.example.invalid', proxy, maxRetries: 0, timeoutMs: 5000 })
    assert.ok(hides(util.inspect(remote)))
    const err = await remote.packages.get('p').then(() => null, (e) => e)
    assert.ok(err instanceof sdk.TransportError, String(err))
    assert.match(err.message, new RegExp(`proxy 127\\.0\\.0\\.1:${dead}`))
    for (const shown of [err.message, err.detail, util.inspect(err), JSON.stringify(err)]) {
      assert.ok(hides(String(shown)), shown)
    }

    // A proxy URL that cannot be used is refused, redacted.
    for (const bad of ['ftp://user:pw@127.0.0.1:9', 'http://user:pw@', 'not a url user:pw@']) {
      const e = (() => {
        try {
          new sdk.Client({ apiKey: 'k', baseUrl: 'https://onespan.example.invalid', proxy: bad })
        } catch (e) {
          return e
        }
      })()
      assert.ok(e instanceof sdk.InvalidArgumentError, `${bad}: ${e}`)
      assert.ok(hides(e.message) && hides(util.inspect(e)), e.message)
    }
  }))
