// Quickstart: a lease signed by two people, from draft to signature image.
//
// Runs against OneSpan Sign when ONESPAN_API_KEY (or ONESPAN_CLIENT_ID and
// ONESPAN_CLIENT_SECRET, or ONESPAN_OAUTH_CLIENT_ID, ONESPAN_OAUTH_CLIENT_SECRET and
// ONESPAN_OAUTH_TOKEN_URL) are set, with ONESPAN_ENVIRONMENT or ONESPAN_BASE_URL; otherwise
// against the emulator embedded in the package, with its OAuth 2.0 client credentials, and
// the emulator also plays the signers' part.
import { Client, Emulator } from 'onespan-sign'

// The smallest PDF the service accepts as a document to sign.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>' +
    'endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF',
)

const say = (text) => console.log(`[node] ${text}`)

const EVENTS = ['PACKAGE_CREATE', 'PACKAGE_ACTIVATE', 'DOCUMENT_SIGNED', 'SIGNER_COMPLETE', 'PACKAGE_COMPLETE']

async function story(client, emu) {
  // `make demo` runs examples/webhook_receiver.mjs beside this and passes its address.
  const receiver = process.env.DEMO_CALLBACK_URL
  if (emu && receiver) {
    await client.callbacks.set({ url: receiver, key: process.env.DEMO_CALLBACK_KEY, events: EVENTS })
    say(`events go to ${receiver}`)
  }
  const packageId = await client.packages.create(
    {
      name: 'Quickstart lease',
      roles: [
        { id: 'Tenant', signers: [{ email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' }] },
        { id: 'Landlord', signers: [{ email: 'bob@example.com', firstName: 'Bob', lastName: 'Kay' }] },
      ],
      // The service sends a package with a signer, a document and a signature field.
      documents: [
        {
          name: 'Lease',
          approvals: [
            { role: 'Tenant', fields: [{ type: 'SIGNATURE', page: 0, left: 72, top: 600, width: 200, height: 50 }] },
            { role: 'Landlord', fields: [{ type: 'SIGNATURE', page: 0, left: 320, top: 600, width: 200, height: 50 }] },
          ],
        },
      ],
    },
    [{ name: 'lease.pdf', content: PDF }],
  )
  say(`created package ${packageId}: status ${(await client.packages.get(packageId)).status}`)
  const senderToken = await client.authTokens.createSenderToken(packageId)
  say(`designer URL: ${client.authTokens.designerUrl(senderToken, packageId)}`)

  const roles = await client.roles.reorder(packageId, ['Landlord', 'Tenant'])
  say(`signing order: ${roles.map((r) => `${r.index}. ${r.id}`).join(', ')}`)

  await client.packages.send(packageId)
  say(`sent: status ${(await client.packages.get(packageId)).status}, signing status ${await client.packages.signingStatus(packageId)}`)

  const token = await client.authTokens.createSingleUse(packageId, 'ann@example.com')
  say(`Ann's single-use signing URL: ${client.authTokens.signingUrl(token, { packageId })}`)
  say(`Bob's reusable signing URL:   ${await client.roles.signingUrl(packageId, 'Landlord')}`)

  await client.roles.sendEmailNotification(packageId, 'Tenant')
  say('reminder emailed to Ann')

  if (!emu) {
    say('sign at the URLs above, then download the signature images with roles.signatureImage()')
    return
  }
  for (const role of ['Landlord', 'Tenant']) {
    emu.completeSigning(packageId, role) // the emulator plays the signer
    say(`${role} signed: signer status ${await client.packages.signingStatus(packageId, role)}`)
  }
  say(`package signing status: ${await client.packages.signingStatus(packageId)}`)
  const image = await client.roles.signatureImage(packageId, 'Tenant')
  say(`Ann's signature: ${image.length} bytes of PNG, ${image.readUInt32BE(16)}x${image.readUInt32BE(20)}`)
  say(`emails sent: ${JSON.stringify(emu.notifications().map((n) => n.to))}`)
  if (receiver) await waitForDeliveries(emu)
}

/** Lets the emulator finish delivering before it stops with the script. */
async function waitForDeliveries(emu) {
  for (let i = 0; i < 100; i++) {
    const wanted = emu.events().filter((e) => EVENTS.includes(e.name)).length
    if (wanted === emu.deliveries().filter((d) => d.delivered).length) return
    await new Promise((r) => setTimeout(r, 50))
  }
}

if (process.env.ONESPAN_API_KEY || process.env.ONESPAN_CLIENT_ID || process.env.ONESPAN_OAUTH_CLIENT_ID) {
  const client = new Client()
  say(`using OneSpan Sign at ${client.baseUrl}`)
  await story(client)
} else {
  const emu = await Emulator.start()
  say(`no ONESPAN_* credentials set: using the embedded emulator at ${emu.baseUrl}`)
  try {
    const client = new Client({
      oauthClientId: emu.oauthClientId,
      oauthClientSecret: emu.oauthClientSecret,
      oauthTokenUrl: emu.oauthTokenUrl,
      baseUrl: emu.baseUrl,
    })
    await story(client, emu)
  } finally {
    await emu.stop()
  }
}
