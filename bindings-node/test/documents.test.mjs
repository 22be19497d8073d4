// Documents and downloads: upload, list, get, update, delete; the signed PDF, the original,
// the zip, the evidence summary and the audit trail, as a Buffer, to a path and to a
// Writable; what is left behind when a download fails.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { sdk, withEmulator, apiKeyClient, twoSignerPackage, sentPackage } from './helpers.mjs'

const pdf = (text) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`)

async function draft(client) {
  return client.packages.create(twoSignerPackage('Docs'), [{ name: 'lease.pdf', content: pdf('lease') }])
}

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'onespan-docs-'))
}

/** A Writable that keeps what it is given, taking `delayMs` per chunk (backpressure). */
function collector(delayMs = 0, highWaterMark = 16 * 1024) {
  const chunks = []
  const stream = new Writable({
    highWaterMark,
    write(chunk, _enc, done) {
      chunks.push(chunk)
      setTimeout(done, delayMs)
    },
  })
  return { stream, chunks }
}

test('upload, list, get, update, delete', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const id = await draft(client)
    const before = emu.requests().length
    const docs = await client.documents.upload(id, [
      { name: 'annex-a.pdf', content: pdf('a') },
      { name: 'annex-b.pdf', content: pdf('b') },
    ])
    assert.deepEqual(emu.requests().slice(before), [`POST /api/packages/${id}/documents`])
    assert.deepEqual(docs.map((d) => d.name), ['annex-a.pdf', 'annex-b.pdf'])
    const listed = await client.documents.list(id)
    assert.deepEqual(listed.map((d) => d.id).slice(0, 2), ['default-consent', 'doc1'])
    assert.equal(listed.length, 4)
    assert.deepEqual(await client.documents.downloadOriginal(id, docs[1].id), pdf('b'))

    assert.equal((await client.documents.get(id, 'doc1')).name, 'Lease')
    const updated = await client.documents.update(id, 'doc1', { name: 'Lease v2' })
    assert.equal(updated.name, 'Lease v2')
    await client.documents.delete(id, docs[0].id)
    await assert.rejects(client.documents.get(id, docs[0].id), sdk.NotFoundError)
  }))

test('errors: unknown documents, bad arguments, what is not a PDF', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const id = await draft(client)
    await assert.rejects(client.documents.upload(id, [{ name: 'notes.txt', content: Buffer.from('text') }]), sdk.BadRequestError)
    await assert.rejects(client.documents.upload(id, []), sdk.InvalidArgumentError)
    await assert.rejects(client.documents.get(id, ''), sdk.InvalidArgumentError)
    await assert.rejects(client.documents.download(id, 'doc1', { flatten: 'yes' }), /flatten must be a boolean/)
    await assert.rejects(client.documents.download(id, 'doc1', { to: 42 }), sdk.InvalidArgumentError)
    await assert.rejects(client.documents.download(id, 'doc1', { bogus: 1 }), /unknown option "bogus"/)
    for (const call of [
      () => client.documents.get(id, 'nope'),
      () => client.documents.delete(id, 'nope'),
      () => client.documents.download(id, 'nope'),
      () => client.documents.downloadOriginal(id, 'nope'),
      () => client.documents.downloadZip('no-such-package'),
      () => client.packages.evidenceSummary('no-such-package'),
      () => client.packages.audit('no-such-package'),
    ]) {
      await assert.rejects(call(), sdk.NotFoundError)
    }
  }))

test('a download before signing is the document as it stands', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const id = await draft(client)
    const current = await client.documents.download(id, 'doc1')
    assert.ok(Buffer.isBuffer(current))
    assert.equal(current.subarray(0, 5).toString(), '%PDF-')
    assert.equal((await client.documents.download(id, 'doc1', { flatten: true })).subarray(0, 5).toString(), '%PDF-')
    assert.equal((await client.documents.downloadZip(id, { flatten: true })).subarray(0, 2).toString(), 'PK')
  }))

test('downloads to a path and to a Writable, with backpressure', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const id = await sentPackage(client)
    emu.completeSigning(id, 'Signer1')
    emu.completeSigning(id, 'Signer2')
    const dir = tempDir()
    const n = await client.documents.download(id, 'doc1', { to: path.join(dir, 'signed.pdf') })
    assert.equal(n, fs.statSync(path.join(dir, 'signed.pdf')).size)
    const m = await client.packages.evidenceSummary(id, { to: path.join(dir, 'evidence.pdf') })
    assert.ok(m > 0)
    assert.deepEqual(fs.readdirSync(dir).sort(), ['evidence.pdf', 'signed.pdf'])

    const big = pdf('big')
    const content = Buffer.concat([big, Buffer.alloc(3 * 1024 * 1024 + 17, 0x78)])
    const bigId = await client.packages.create(twoSignerPackage('Big'), [{ name: 'big.pdf', content }])
    const { stream, chunks } = collector(1)
    const written = await client.documents.downloadOriginal(bigId, 'doc1', { to: stream })
    assert.equal(written, content.length)
    assert.ok(chunks.length > 1, 'streamed in pieces')
    assert.deepEqual(Buffer.concat(chunks), content)
    assert.ok(!stream.writableEnded, 'the stream stays the caller\'s to end')

    const audit = await client.packages.audit(id)
    assert.ok(audit.length > 0 && audit.every((e) => typeof e.type === 'string'))
  }))

test('a directory that does not exist: a clear error, nothing sent, nothing written', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const id = await draft(client)
    const dir = tempDir()
    const before = emu.requests().length
    await assert.rejects(
      client.documents.download(id, 'doc1', { to: path.join(dir, 'missing', 'out.pdf') }),
      (e) => e instanceof sdk.InvalidArgumentError && /does not exist/.test(e.message),
    )
    assert.equal(emu.requests().length, before)
    assert.deepEqual(fs.readdirSync(dir), [])
  }))

test('a download cut mid-stream: TransportError, no partial file', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const content = Buffer.concat([pdf('big'), Buffer.alloc(4 * 1024 * 1024, 0x20)])
    const id = await client.packages.create(twoSignerPackage('Big'), [{ name: 'big.pdf', content }])
    const urlPath = `/api/packages/${id}/documents/doc1/original`
    const dir = tempDir()
    const target = path.join(dir, 'big.pdf')
    fs.writeFileSync(target, 'the previous version')
    emu.injectFault({ path: urlPath, action: 'cut' })
    await assert.rejects(client.documents.downloadOriginal(id, 'doc1', { to: target }), sdk.TransportError)
    assert.equal(fs.readFileSync(target, 'utf8'), 'the previous version')
    assert.deepEqual(fs.readdirSync(dir), ['big.pdf'])
    emu.injectFault({ path: urlPath, action: 'cut' })
    await assert.rejects(client.documents.downloadOriginal(id, 'doc1', { to: collector().stream }), sdk.TransportError)
    assert.equal(await client.documents.downloadOriginal(id, 'doc1', { to: target }), content.length)
  }))

test('a Writable that fails ends the download with WriteError', () =>
  withEmulator(async (emu) => {
    const client = apiKeyClient(emu)
    const id = await draft(client)
    const failing = new Writable({
      write(_chunk, _enc, done) {
        done(new Error('disk full'))
      },
    })
    failing.on('error', () => {})
    await assert.rejects(client.documents.download(id, 'doc1', { to: failing }), (e) => e instanceof sdk.WriteError && /disk full/.test(e.message))
  }))
