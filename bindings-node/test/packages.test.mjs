// Packages: create, get, update, send, delete, signing status, and their errors.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sdk, withEmulator, apiKeyClient, twoSignerPackage, sentPackage } from './helpers.mjs'

test('create, get, update, send, delete', () =>
  withEmulator(async (emu) => {
    const { packages } = apiKeyClient(emu)
    const id = await packages.create(twoSignerPackage('Lease'))
    const pkg = await packages.get(id)
    assert.equal(pkg.id, id)
    assert.equal(pkg.name, 'Lease')
    assert.equal(pkg.status, 'DRAFT')
    // As on the service: the owner's role first, then the roles given; the consent
    // document, then the documents given.
    assert.deepEqual(pkg.roles.map((r) => r.id), [emu.senderId, 'Signer1', 'Signer2'])
    assert.deepEqual([pkg.roles[0].type, pkg.roles[0].signers[0].email], ['SENDER', emu.senderEmail])
    assert.equal(pkg.roles[1].signers[0].firstName, 'Ann')
    assert.deepEqual(pkg.documents.map((d) => d.id), ['default-consent', 'doc1'])

    assert.equal(await packages.update(id, { description: '12 months' }), undefined)
    assert.equal((await packages.get(id)).description, '12 months')
    await packages.send(id)
    assert.equal((await packages.get(id)).status, 'SENT')
    await packages.delete(id)
    await assert.rejects(packages.get(id), sdk.NotFoundError)
  }))

test('unknown fields survive get-modify-update', () =>
  withEmulator(async (emu) => {
    const { packages } = apiKeyClient(emu)
    const id = await packages.create({ name: 'extra', visibility: 'ACCOUNT' })
    const pkg = await packages.get(id)
    assert.equal(pkg.visibility, 'ACCOUNT')
    pkg.description = 'changed'
    await packages.update(id, pkg)
    const again = await packages.get(id)
    assert.equal(again.visibility, 'ACCOUNT')
    assert.equal(again.description, 'changed')
  }))

test('404 is a NotFoundError with OneSpan\'s message', () =>
  withEmulator(async (emu) => {
    const err = await apiKeyClient(emu).packages.get('no-such-package').then(() => null, (e) => e)
    assert.ok(err instanceof sdk.NotFoundError)
    assert.equal(err.status, 404)
    assert.equal(err.messageKey, 'error.notFound.packageNotFound')
    assert.equal(err.message, 'The specified package could not be found.')
    assert.match(err.body, /packageNotFound/)
  }))

test('bad IDs fail before any request', () =>
  withEmulator(async (emu) => {
    const { packages } = apiKeyClient(emu)
    for (const bad of ['', '   ', '\t\n', '.', '..', 'a\u0000b', 'x'.repeat(256)]) {
      await assert.rejects(packages.get(bad), sdk.InvalidArgumentError, JSON.stringify(bad))
    }
    assert.equal(emu.apiRequests, 0)
  }))

test('IDs are encoded, not concatenated', () =>
  withEmulator(async (emu) => {
    const err = await apiKeyClient(emu).packages.get('x/../y?z=1').then(() => null, (e) => e)
    assert.ok(err instanceof sdk.NotFoundError)
    assert.equal(err.messageKey, 'error.notFound.packageNotFound')
  }))

test('a nameless package is a BadRequestError; a non-object is refused locally', () =>
  withEmulator(async (emu) => {
    const { packages } = apiKeyClient(emu)
    await assert.rejects(packages.create({}), (e) => e instanceof sdk.BadRequestError && e.status === 400)
    const before = emu.apiRequests
    await assert.rejects(packages.create(['not', 'a', 'package']), sdk.InvalidArgumentError)
    assert.equal(emu.apiRequests, before)
  }))

test('documents are uploaded', () =>
  withEmulator(async (emu) => {
    const { packages } = apiKeyClient(emu)
    const id = await packages.create({ name: 'docs' }, [{ name: 'contract.pdf', content: Buffer.from('%PDF-1.4 tiny') }])
    assert.deepEqual((await packages.get(id)).documents.map((d) => d.name), [
      'Electronic Disclosures and Signatures Consent',
      'contract',
    ])
  }))

test('a "__proto__" field in an answer stays data', () =>
  withEmulator(async (emu) => {
    const { packages } = apiKeyClient(emu)
    const id = await packages.create(JSON.parse('{"name":"p","__proto__":{"polluted":true}}'))
    const pkg = await packages.get(id)
    assert.equal(Object.getPrototypeOf(pkg), Object.prototype)
    assert.equal(pkg.polluted, undefined)
    assert.deepEqual(pkg['__proto__'], { polluted: true })
  }))

test('signing status at each grain', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const { packages } = client
    assert.equal(await packages.signingStatus(await packages.create(twoSignerPackage('D'))), 'DRAFT')
    const p = await sentPackage(client)
    const doc = (await packages.get(p)).documents[1].id // [0] is the consent
    assert.equal(await packages.signingStatus(p), sdk.SigningStatus.SIGNING_PENDING)
    emu.signDocument(p, 'Signer1', doc)
    assert.equal(await packages.signingStatus(p, 'Signer1', doc), 'SIGNING_COMPLETED')
    assert.equal(await packages.signingStatus(p, 'ann@example.com'), 'SIGNING_PENDING')
    assert.equal(await packages.signingStatus(p, null, doc), 'SIGNING_PENDING')
    emu.completeSigning(p, 'Signer1')
    emu.completeSigning(p, 'Signer2')
    assert.equal(await packages.signingStatus(p), 'COMPLETED')
    await assert.rejects(packages.signingStatus(p, 'nobody'), sdk.NotFoundError)
  }))
