// The clean room's TypeScript: `tsc --strict --noEmit` under module nodenext, as a user's
// ESM TypeScript project sees the installed package and its `exports` map.
import { Client, Emulator, NotFoundError, type Package } from 'onespan-sign'
import { webhookMiddleware, type WebhookRequest } from 'onespan-sign/express'

const emu: Emulator = await Emulator.start({ port: 0 })
const client = new Client({ apiKey: emu.apiKey, baseUrl: emu.baseUrl })
const draft: Package = { name: 'Typed', roles: [] }
const id: string = await client.packages.create(draft)
const middleware = webhookMiddleware({ callbackKey: 'k' })
const seen = (req: WebhookRequest): string | undefined => req.onespanEvent?.name
console.log(id, middleware.length, seen, NotFoundError.name)
await emu.stop()
