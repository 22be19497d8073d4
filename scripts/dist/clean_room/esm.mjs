// The clean room's ESM test: named imports of `onespan-sign` and `onespan-sign/express`.
import assert from 'node:assert/strict'
import { Client, Emulator, NotFoundError, verifyWebhook } from 'onespan-sign'
import { webhookMiddleware } from 'onespan-sign/express'

assert.equal(typeof webhookMiddleware, 'function')
assert.equal(typeof verifyWebhook, 'function')
const emu = await Emulator.start()
try {
  const client = new Client({ apiKey: emu.apiKey, baseUrl: emu.baseUrl })
  await assert.rejects(client.packages.get('no-such-package'), NotFoundError)
} finally {
  await emu.stop()
}
console.log(`clean room (node, ESM): ok`)
