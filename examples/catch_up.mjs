// Catching up on missed events: OneSpan Sign never resends a failed callback (support
// article KB0014510), so after an outage of your receiver, ask the service what changed.
//
// `catchUp` lists every package updated since the last checkpoint and brings the local
// record of each up to date; run it when your receiver comes back (and on a schedule as a
// backstop). The demo runs against the emulator: the receiver is down while three
// packages move on, every delivery fails, and one `catchUp` call finds all three.
import net from 'node:net'
import { pathToFileURL } from 'node:url'
import { Client, Emulator } from 'onespan-sign'

// Listing by "last updated" compares the service's clock with ours: start each poll a
// little before the last one ended, and let the local record absorb the repeats.
const CLOCK_MARGIN_MS = 5 * 60 * 1000

/** Records the status of every package updated after `since` in `local` (a Map of package
 * ID to status); resolves to the next checkpoint and how many records changed. */
export async function catchUp(client, since, local) {
  const checkpoint = new Date(Date.now() - CLOCK_MARGIN_MS)
  let changed = 0
  for await (const pkg of client.packages.list({ updatedAfter: new Date(since.getTime() - CLOCK_MARGIN_MS) })) {
    if (local.get(pkg.id) !== pkg.status) {
      local.set(pkg.id, pkg.status)
      changed += 1
    }
  }
  return { checkpoint, changed }
}

/** A loopback port with nothing listening: the receiver during the outage. */
async function closedPort() {
  const server = net.createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** The failed deliveries, once there are `n` of them (or after 10 s). */
export async function attempts(emu, n) {
  const deadline = Date.now() + 10_000
  let failed = []
  while (Date.now() < deadline) {
    failed = emu.deliveries().filter((d) => !d.delivered)
    if (failed.length >= n) break
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return failed
}

export async function demo() {
  const emu = await Emulator.start()
  try {
    const client = new Client({ apiKey: emu.apiKey, baseUrl: emu.baseUrl })
    const local = new Map()
    let since = new Date()

    // The outage: events go to a receiver that is down.
    await client.callbacks.set({ url: `http://127.0.0.1:${await closedPort()}/events`, events: ['PACKAGE_ACTIVATE', 'PACKAGE_COMPLETE'] })
    const signer = { id: 'Signer1', signers: [{ email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' }] }
    const field = { type: 'SIGNATURE', page: 0, left: 100, top: 500, width: 200, height: 50 }
    const ids = []
    for (const name of ['Lease', 'Loan', 'NDA']) {
      const id = await client.packages.create(
        { name, roles: [signer], documents: [{ id: 'doc1', name, approvals: [{ role: 'Signer1', fields: [field] }] }] },
        [{ name: `${name}.pdf`, content: Buffer.from('%PDF-1.4\n%%EOF\n') }],
      )
      await client.packages.send(id)
      ids.push(id)
    }
    emu.completeSigning(ids[0], 'Signer1') // the lease is signed while nobody listens

    // The emulator delivers in the background, as the service does: wait for its attempts.
    const failed = await attempts(emu, 4) // three activations and one completion
    console.log(`${failed.length} deliveries failed during the outage; none will be resent`)

    // The receiver is back: one call brings the local record up to date.
    const { checkpoint, changed } = await catchUp(client, since, local)
    since = checkpoint
    for (const id of ids) console.log(`${id}: ${local.get(id)}`)
    console.log(`${changed} records brought up to date`)
    return { local, ids, failed }
  } finally {
    await emu.stop()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await demo()
