// The clean room's CommonJS test: `onespan-sign` and `onespan-sign/express` by name, from the
// tarballs installed in this project, against the embedded emulator.
'use strict'
const assert = require('node:assert/strict')
const path = require('node:path')
const sdk = require('onespan-sign')
const { webhookMiddleware } = require('onespan-sign/express')

const room = process.env.CLEAN_ROOM
assert.ok(require.resolve('onespan-sign').startsWith(room), require.resolve('onespan-sign'))
assert.equal(typeof webhookMiddleware, 'function')
assert.equal(require('onespan-sign/package.json').version, process.env.WANT_VERSION)
// The addon came from the platform package, not from anywhere else.
const addon = require.resolve(`onespan-sign-${process.env.WANT_PLATFORM}`)
assert.ok(addon.startsWith(path.join(room, 'node', 'node_modules')), addon)

;(async () => {
  const emu = await sdk.Emulator.start()
  try {
    const client = new sdk.Client({ apiKey: emu.apiKey, baseUrl: emu.baseUrl })
    const id = await client.packages.create(
      { name: 'Clean room', roles: [{ id: 'Signer1', signers: [{ email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' }] }] },
      { documents: [{ name: 'a.pdf', content: Buffer.from('%PDF-1.4\n%%EOF') }] },
    )
    const got = await client.packages.get(id)
    assert.equal(got.name, 'Clean room')
    await assert.rejects(client.packages.get('no-such-package'), sdk.NotFoundError)
  } finally {
    await emu.stop()
  }
  console.log(`clean room (node, CommonJS): ${process.env.WANT_VERSION} ok`)
})().catch((err) => {
  console.error(err)
  process.exit(1)
})
