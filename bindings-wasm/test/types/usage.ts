// Every export of onespan-sign-webhooks as a strict TypeScript user (no Node types: an edge
// runtime's) sees it. types.test.mjs runs tsc over this file.
import {
  MAX_BODY_BYTES,
  WebhookParseError,
  WebhookVerificationError,
  parseWebhook,
  verifyWebhook,
  type WebhookEvent,
  type WebhookEventName,
} from '../../index.js'

export async function handle(request: Request, key: string): Promise<Response> {
  const size: number = MAX_BODY_BYTES
  try {
    const event: WebhookEvent = verifyWebhook(await request.arrayBuffer(), request.headers.get('Authorization'), key)
    const name: WebhookEventName = event.name
    const id: string | null = event.packageId
    const raw: Record<string, unknown> = event.raw
    parseWebhook(new Uint8Array(0))
    parseWebhook('{}')
    return new Response(`${name} ${id} ${Object.keys(raw).length} ${size}`)
  } catch (e) {
    if (e instanceof WebhookVerificationError) return new Response(e.message, { status: 401 })
    if (e instanceof WebhookParseError) return new Response(e.message, { status: 400 })
    throw e
  }
}

// @ts-expect-error: a number is not a body
verifyWebhook(42, null, 'k')
// @ts-expect-error: the key is required
verifyWebhook('{}', null)
