// The account's senders: signature images.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiKeyClient, sdk, withEmulator } from './helpers.mjs'

test('the sender signature image in each format', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const cases = [
      [undefined, [0x89, 0x50, 0x4e, 0x47]],
      ['jpeg', [0xff, 0xd8, 0xff]],
      ['gif', [0x47, 0x49, 0x46, 0x38]],
    ]
    for (const [format, magic] of cases) {
      const image = format ? await client.senders.signatureImage(emu.senderId, { format }) : await client.senders.signatureImage(emu.senderId)
      assert.ok(Buffer.isBuffer(image))
      assert.deepEqual([...image.subarray(0, magic.length)], magic, String(format))
    }
    assert.ok(emu.requests().includes(`GET /api/account/senders/${emu.senderId}/signatureImage`))
  }))

test('deleted and unknown signatures are NotFoundError; bad arguments are refused first', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    await assert.rejects(client.senders.signatureImage('someone-else'), sdk.NotFoundError)
    assert.equal(await client.senders.deleteSignatureImage(emu.senderId), undefined)
    await assert.rejects(client.senders.signatureImage(emu.senderId), (e) => e instanceof sdk.NotFoundError && e.messageKey === 'error.notFound.signatureImage')
    await assert.rejects(client.senders.deleteSignatureImage(emu.senderId), sdk.NotFoundError)
    const before = emu.apiRequests
    await assert.rejects(client.senders.signatureImage(''), sdk.InvalidArgumentError)
    await assert.rejects(client.senders.signatureImage(emu.senderId, 'bmp'), /bmp/)
    await assert.rejects(client.senders.signatureImage(42), /senderId must be a string/)
    assert.equal(emu.apiRequests, before)
  }))
