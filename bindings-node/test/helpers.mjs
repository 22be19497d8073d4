// Shared set-up: an emulator per test, clients pointed at it.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
export const sdk = require('../index.js')

export async function withEmulator(fn, options) {
  const emu = await sdk.Emulator.start(options)
  try {
    return await fn(emu)
  } finally {
    await emu.stop()
  }
}

export function apiKeyClient(emu, extra = {}) {
  return new sdk.Client({ apiKey: emu.apiKey, baseUrl: emu.baseUrl, ...extra })
}

export function clientAppClient(emu, extra = {}) {
  return new sdk.Client({ clientId: emu.clientId, clientSecret: emu.clientSecret, baseUrl: emu.baseUrl, ...extra })
}

export function twoSignerPackage(name = 'Lease') {
  return {
    name,
    roles: [
      { id: 'Signer1', signers: [{ email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' }] },
      { id: 'Signer2', signers: [{ email: 'bob@example.com', firstName: 'Bob', lastName: 'Kay' }] },
    ],
  }
}

/** Creates the two-signer package with one document and sends it; resolves to its ID. */
export async function sentPackage(client, name = 'Sent') {
  const id = await client.packages.create(twoSignerPackage(name), [{ name: 'doc.pdf', content: Buffer.from('%PDF-1.4') }])
  await client.packages.send(id)
  return id
}

/** GETs a signing-session URL the API handed out; resolves to the HTTP status. */
export async function openUrl(url) {
  const res = await fetch(url)
  await res.arrayBuffer()
  return res.status
}
