// The catching-up example (examples/catch_up.mjs), end to end against the emulator: every
// delivery fails while the receiver is down, none is resent, and one listing by last update
// brings the local record up to date.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withEmulator, apiKeyClient } from './helpers.mjs'
import { attempts, catchUp, demo } from '../../examples/catch_up.mjs'

test('the demo recovers every package changed during the outage', async () => {
  const { local, ids, failed } = await demo()
  assert.deepEqual(ids.map((id) => local.get(id)), ['COMPLETED', 'SENT', 'SENT'])
  assert.equal(failed.length, 4)
  assert.ok(failed.every((d) => !d.delivered && d.attempt === 1), 'tried once, never resent')
})

test('catchUp finds what changed since the checkpoint, and nothing twice', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const old = await client.packages.create({ name: 'Before' })
    const local = new Map()
    let { checkpoint, changed } = await catchUp(client, new Date(Date.now() - 3600_000), local)
    assert.deepEqual([...local], [[old, 'DRAFT']])
    assert.equal(changed, 1)
    await client.callbacks.set({ url: 'http://127.0.0.1:9/down', events: ['PACKAGE_TRASH'] })
    await client.packages.trash(old)
    const fresh = await client.packages.create({ name: 'During the outage' })
    const failed = await attempts(emu, 1)
    await new Promise((resolve) => setTimeout(resolve, 300)) // time for a retry, were there one
    assert.deepEqual(failed.map((d) => [d.eventName, d.attempt]), [['PACKAGE_TRASH', 1]])
    assert.deepEqual(emu.deliveries().map((d) => [d.eventName, d.attempt]), [['PACKAGE_TRASH', 1]])
    ;({ checkpoint, changed } = await catchUp(client, checkpoint, local))
    assert.equal(local.get(fresh), 'DRAFT')
    assert.equal(changed, 1)
    assert.equal((await catchUp(client, checkpoint, local)).changed, 0)
  }))
