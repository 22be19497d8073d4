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
  // Two signers and one document (`doc1`) with a signature for each: the least the service
  // sends (a signer, a document besides the consent, a signature).
  return {
    name,
    roles: [
      { id: 'Signer1', signers: [{ email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' }] },
      { id: 'Signer2', signers: [{ email: 'bob@example.com', firstName: 'Bob', lastName: 'Kay' }] },
    ],
    documents: [
      {
        id: 'doc1',
        name: 'Lease',
        approvals: [
          { role: 'Signer1', fields: [signatureField(100, 500)] },
          { role: 'Signer2', fields: [signatureField(350, 500)] },
        ],
      },
    ],
  }
}

/** A signature field: `page` from 0, `left`/`top` in points from the top-left corner. */
export function signatureField(left, top, page = 0) {
  return { type: 'SIGNATURE', subtype: 'FULLNAME', page, left, top, width: 200, height: 50 }
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

// --- JSON comparison (tests/vectors/api/) ---------------------------------------------------
// Null rule: a typed model field holding null comes back absent (OneSpan treats an absent
// field as unchanged), so null-valued object keys are removed, at any depth, from both sides
// before comparing. Nulls inside arrays are values and stay. JavaScript numbers cannot tell
// 1 from 1.0, so neither can these helpers.

/** `v` with every null-valued object key removed, recursively. */
export function withoutNulls(v) {
  if (Array.isArray(v)) return v.map(withoutNulls)
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]))
  }
  return v
}

/**
 * Where `got` first fails to hold `want`, as a path, or null. With `{ subset: true }` keys
 * `got` adds to an object are allowed (server defaults); arrays must still have the same
 * length. `ignore` lists top-level keys of `want` not to check (server-assigned ones).
 */
export function firstDifference(want, got, { subset = false, ignore = [] } = {}, path = '$') {
  const isObj = (x) => x !== null && typeof x === 'object' && !Array.isArray(x)
  if (isObj(want) && isObj(got)) {
    for (const [k, w] of Object.entries(want)) {
      if (path === '$' && ignore.includes(k)) continue
      if (!(k in got)) return `${path}.${k}: lost (was ${JSON.stringify(w)})`
      const d = firstDifference(w, got[k], { subset }, `${path}.${k}`)
      if (d) return d
    }
    if (!subset) {
      const added = Object.keys(got).find((k) => !(k in want))
      if (added !== undefined) return `${path}.${added}: added (${JSON.stringify(got[added])})`
    }
    return null
  }
  if (Array.isArray(want) && Array.isArray(got) && want.length === got.length) {
    for (let i = 0; i < want.length; i++) {
      const d = firstDifference(want[i], got[i], { subset }, `${path}[${i}]`)
      if (d) return d
    }
    return null
  }
  if (want === got) return null
  return `${path}: was ${JSON.stringify(want)}, came back ${JSON.stringify(got)}`
}
