// The Node quickstart runs whole with OAuth 2.0 client credentials against the emulator: its
// own embedded one, and one this test starts (credentials from ONESPAN_OAUTH_*).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { withEmulator } from './helpers.mjs'

const QUICKSTART = fileURLToPath(new URL('../../examples/quickstart.mjs', import.meta.url))
const CLEARED = ['ONESPAN_API_KEY', 'ONESPAN_CLIENT_ID', 'ONESPAN_CLIENT_SECRET', 'ONESPAN_OAUTH_CLIENT_ID', 'ONESPAN_OAUTH_CLIENT_SECRET', 'ONESPAN_OAUTH_TOKEN_URL', 'ONESPAN_BASE_URL', 'ONESPAN_ENVIRONMENT', 'DEMO_CALLBACK_URL']

async function run(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CLEARED.includes(k)))
  const { stdout } = await promisify(execFile)(process.execPath, [QUICKSTART], { env: { ...env, ...extra }, timeout: 120_000 })
  return stdout
}

test('the quickstart runs whole on the embedded emulator with OAuth credentials', async () => {
  const out = await run({})
  for (const line of ['using the embedded emulator', 'designer URL: ', 'senderAuthenticationToken=', '&target=', 'Landlord signed: signer status SIGNING_COMPLETED', 'package signing status: COMPLETED', 'PNG, 350x100']) {
    assert.ok(out.includes(line), `${line}\n${out}`)
  }
})

test('the quickstart runs with OAuth credentials from the environment', () =>
  withEmulator(async (emu) => {
    const out = await run({
      ONESPAN_OAUTH_CLIENT_ID: emu.oauthClientId,
      ONESPAN_OAUTH_CLIENT_SECRET: emu.oauthClientSecret,
      ONESPAN_OAUTH_TOKEN_URL: emu.oauthTokenUrl,
      ONESPAN_BASE_URL: emu.baseUrl,
    })
    assert.ok(out.includes(`using OneSpan Sign at ${emu.baseUrl}`), out)
    assert.ok(out.includes('reminder emailed to Ann') && out.includes('sign at the URLs above'), out)
    assert.equal(emu.tokenRequests, 1)
    assert.ok(emu.requests().some((r) => r.startsWith('POST /api/authenticationTokens/sender')))
    assert.ok(!out.includes(emu.oauthClientSecret))
  }))
