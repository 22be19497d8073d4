// Roles and signers: CRUD, order, lock/unlock, notifications, signing URLs, images.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sdk, withEmulator, apiKeyClient, twoSignerPackage, sentPackage, openUrl } from './helpers.mjs'

test('list, get, create, update, delete', () =>
  withEmulator(async (emu) => {
    const { packages, roles } = apiKeyClient(emu)
    const p = await packages.create(twoSignerPackage())
    assert.deepEqual((await roles.list(p)).map((r) => r.id), [emu.senderId, 'Signer1', 'Signer2'])
    assert.equal((await roles.get(p, 'Signer2')).signers[0].email, 'bob@example.com')
    const created = await roles.create(p, { id: 'Witness', signers: [{ email: 'cy@example.com', firstName: 'Cy', lastName: 'Ng' }] })
    assert.equal(created.index, 3)
    created.signers[0].firstName = 'Cyrus'
    assert.equal((await roles.update(p, 'Witness', created)).signers[0].firstName, 'Cyrus')
    await roles.delete(p, 'Witness')
    await assert.rejects(roles.get(p, 'Witness'), (e) => e instanceof sdk.NotFoundError && e.messageKey === 'error.notFound.roleNotFound')
  }))

test('unknown role fields survive get-modify-update', () =>
  withEmulator(async (emu) => {
    const { packages, roles } = apiKeyClient(emu)
    const p = await packages.create(twoSignerPackage())
    const role = await roles.get(p, 'Signer1')
    assert.ok('attachmentRequirements' in role)
    role.data = { crm: 42 }
    const stored = await roles.update(p, 'Signer1', role)
    assert.deepEqual(stored.data, { crm: 42 })
    assert.ok('attachmentRequirements' in stored)
  }))

test('duplicate role is a ConflictError; a signer needs an email', () =>
  withEmulator(async (emu) => {
    const { packages, roles } = apiKeyClient(emu)
    const p = await packages.create(twoSignerPackage())
    await assert.rejects(roles.create(p, { id: 'Signer1', signers: [{ email: 'z@example.com' }] }), sdk.ConflictError)
    await assert.rejects(
      roles.create(p, { id: 'X', signers: [{ email: 'not-an-email' }] }),
      (e) => e instanceof sdk.BadRequestError && e.messageKey === 'error.validation.invalidEmail',
    )
  }))

test('reorder', () =>
  withEmulator(async (emu) => {
    const { packages, roles } = apiKeyClient(emu)
    const p = await packages.create(twoSignerPackage())
    const answered = await roles.reorder(p, ['Signer2', 'Signer1'])
    assert.deepEqual(answered.map((r) => [r.id, r.index]), [[emu.senderId, 0], ['Signer2', 1], ['Signer1', 2]])
    assert.deepEqual((await roles.list(p)).map((r) => r.id), [emu.senderId, 'Signer2', 'Signer1'])
    await assert.rejects(roles.reorder(p, ['Nobody']), sdk.NotFoundError)
  }))

test('a locked signer is unlocked', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const p = await sentPackage(client)
    emu.lockSigner(p, 'Signer1')
    assert.equal((await client.roles.get(p, 'Signer1')).locked, true)
    assert.throws(() => emu.signDocument(p, 'Signer1'), sdk.BadRequestError)
    await client.roles.unlockSigner(p, 'Signer1')
    assert.equal((await client.roles.get(p, 'Signer1')).locked, false)
    emu.signDocument(p, 'Signer1')
  }))

test('notifications are recorded; SMS needs a phone', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const p = await sentPackage(client)
    await client.roles.sendEmailNotification(p, 'Signer1')
    await assert.rejects(
      client.roles.sendSmsPasscode(p, 'Signer1'),
      (e) => e instanceof sdk.BadRequestError && e.messageKey === 'error.validation.sms.noPhoneNumber',
    )
    assert.deepEqual(emu.notifications(), [{ kind: 'email', packageId: p, roleId: 'Signer1', to: 'ann@example.com' }])
  }))

test('role signing URL is reusable', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const p = await sentPackage(client)
    const url = await client.roles.signingUrl(p, 'Signer1')
    assert.ok(url.startsWith(emu.baseUrl))
    assert.equal(await openUrl(url), 200)
    assert.equal(await openUrl(url), 200)
  }))

test('signature image: PNG, JPEG and GIF at 350x100 once signed', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const p = await sentPackage(client)
    await assert.rejects(client.roles.signatureImage(p, 'Signer1'), sdk.NotFoundError)
    emu.completeSigning(p, 'Signer1')
    const png = await client.roles.signatureImage(p, 'Signer1')
    assert.ok(Buffer.isBuffer(png))
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47])
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [350, 100])
    const jpeg = await client.roles.signatureImage(p, 'Signer1', 'jpeg')
    assert.deepEqual([...jpeg.subarray(0, 3)], [0xff, 0xd8, 0xff])
    const gif = await client.roles.signatureImage(p, 'Signer1', 'gif')
    assert.equal(gif.subarray(0, 4).toString(), 'GIF8')
    assert.deepEqual([gif.readUInt16LE(6), gif.readUInt16LE(8)], [350, 100])
    await assert.rejects(client.roles.signatureImage(p, 'Signer1', 'bmp'), sdk.InvalidArgumentError)
  }))
