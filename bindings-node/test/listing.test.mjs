// Listings: `for await` over packages.list and templates.list; every package once, in the
// service's order, one request per page; filters; past the last page; templates, clones
// and status changes.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sdk, withEmulator, apiKeyClient, twoSignerPackage, sentPackage } from './helpers.mjs'

const listRequests = (emu) => emu.requests().filter((r) => r === 'GET /api/packages').length

async function all(iterable) {
  const out = []
  for await (const item of iterable) out.push(item)
  return out
}

test('250 packages at 50 a page: each once, in order, in 5 requests', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const created = []
    for (let i = 0; i < 250; i++) created.push(await client.packages.create({ name: `P${i}` }))
    const before = listRequests(emu)
    const pages = client.packages.list({ pageSize: 50 })
    assert.equal(listRequests(emu), before, 'nothing is sent before the first item')
    const seen = (await all(pages)).map((p) => p.id)
    assert.equal(listRequests(emu) - before, 5)
    assert.deepEqual(seen, created.slice().reverse())
    // Past the last page: ended, no more requests.
    assert.deepEqual(await pages.next(), { done: true, value: undefined })
    assert.equal(listRequests(emu) - before, 5)
  }))

test('filters, and bad arguments', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    for (const name of ['Lease 1', 'Lease 2', 'Loan']) await client.packages.create({ name })
    const leases = await all(client.packages.list({ status: 'DRAFT', search: 'lease', pageSize: 2 }))
    assert.deepEqual(leases.map((p) => p.name).sort(), ['Lease 1', 'Lease 2'])
    const hour = 3600 * 1000
    const now = Date.now()
    assert.equal((await all(client.packages.list({ updatedAfter: new Date(now - hour), updatedBefore: new Date(now + hour) }))).length, 3)
    assert.deepEqual(await all(client.packages.list({ updatedAfter: new Date(now + hour) })), [])
    assert.throws(() => client.packages.list({ status: 'FINISHED' }), sdk.InvalidArgumentError)
    assert.throws(() => client.packages.list({ updatedAfter: '2026-01-01' }), /updatedAfter must be a Date/)
    assert.throws(() => client.packages.list({ pageSize: 0 }), sdk.InvalidArgumentError)
    assert.throws(() => client.packages.list({ page_size: 10 }), /unknown option "page_size"/)
  }))

test('templates: create, list, clone', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const templateId = await client.templates.create(twoSignerPackage('NDA'), [{ name: 'nda.pdf', content: Buffer.from('%PDF-1.4') }])
    await client.packages.create({ name: 'Not a template' })
    assert.deepEqual((await all(client.templates.list())).map((t) => t.id), [templateId])
    assert.ok(!(await all(client.packages.list())).some((p) => p.id === templateId))
    const { documents, ...fresh } = twoSignerPackage('NDA with Ann')
    const id = await client.packages.createFromTemplate(templateId, fresh)
    assert.notEqual(id, templateId)
    assert.equal((await client.packages.get(id)).name, 'NDA with Ann')
    assert.ok((await client.documents.list(id)).some((d) => d.id === 'doc1'))
    await assert.rejects(client.packages.createFromTemplate('no-such-template', fresh), sdk.NotFoundError)
  }))

test('trash, restore, to draft, mark complete, archive', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const id = await sentPackage(client)
    await client.packages.trash(id)
    assert.ok((await all(client.packages.list({ status: 'TRASH' }))).some((p) => p.id === id))
    await client.packages.restore(id)
    assert.ok(!(await all(client.packages.list({ status: 'TRASH' }))).some((p) => p.id === id))
    await client.packages.toDraft(id)
    assert.equal((await client.packages.get(id)).status, 'DRAFT')
    for (const call of ['trash', 'restore', 'markComplete', 'toDraft', 'archive']) {
      await assert.rejects(client.packages[call]('no-such-package'), sdk.NotFoundError, call)
    }

    const review = await client.packages.create({ ...twoSignerPackage('Review'), autocomplete: false }, [
      { name: 'doc.pdf', content: Buffer.from('%PDF-1.4') },
    ])
    await client.packages.send(review)
    await assert.rejects(client.packages.archive(review), sdk.BadRequestError)
    emu.completeSigning(review, 'Signer1')
    emu.completeSigning(review, 'Signer2')
    const names = emu.events().filter((e) => e.packageId === review).map((e) => e.name)
    assert.ok(names.includes('PACKAGE_READY_FOR_COMPLETE') && !names.includes('PACKAGE_COMPLETE'))
    await client.packages.markComplete(review)
    assert.equal((await client.packages.get(review)).status, 'COMPLETED')
    await client.packages.archive(review)
    assert.equal((await client.packages.get(review)).status, 'ARCHIVED')
  }))
