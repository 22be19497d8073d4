// Quickstart: create a package with two signers and send it.
//
// Runs against OneSpan Sign when ONESPAN_API_KEY (or ONESPAN_CLIENT_ID and
// ONESPAN_CLIENT_SECRET) are set, with ONESPAN_ENVIRONMENT or ONESPAN_BASE_URL; otherwise
// against the emulator embedded in the package.
import { Client, Emulator } from 'onespan-sign'

async function story(client) {
  const packageId = await client.packages.create({
    name: 'Quickstart lease',
    roles: [
      { id: 'Tenant', signers: [{ email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' }] },
      { id: 'Landlord', signers: [{ email: 'bob@example.com', firstName: 'Bob', lastName: 'Kay' }] },
    ],
  })
  console.log(`[node] created package ${packageId}`)
  console.log(`[node] status before sending: ${(await client.packages.get(packageId)).status}`)
  await client.packages.send(packageId)
  console.log(`[node] status after sending:  ${(await client.packages.get(packageId)).status}`)
}

if (process.env.ONESPAN_API_KEY || process.env.ONESPAN_CLIENT_ID) {
  const client = new Client()
  console.log(`[node] using OneSpan Sign at ${client.baseUrl}`)
  await story(client)
} else {
  const emu = await Emulator.start()
  console.log(`[node] no ONESPAN_* credentials set: using the embedded emulator at ${emu.baseUrl}`)
  try {
    await story(new Client({ apiKey: emu.apiKey, baseUrl: emu.baseUrl }))
  } finally {
    await emu.stop()
  }
}
