// A receiver of OneSpan Sign event notifications, with node:http and verifyWebhook.
//
//   ONESPAN_CALLBACK_KEY=... node examples/webhook_receiver.mjs [PORT]    (default 8080)
//
// Register http://<this host>:PORT/ as the callback URL, with the same callback key.
// With Express, `require('onespan-sign/express').webhookMiddleware` does the same.
import http from 'node:http'
import { verifyWebhook, WebhookParseError, WebhookVerificationError, WEBHOOK_MAX_BODY_BYTES } from 'onespan-sign'

const callbackKey = process.env.ONESPAN_CALLBACK_KEY
if (!callbackKey) throw new Error('set ONESPAN_CALLBACK_KEY')
const port = Number(process.argv[2] ?? 8080)

const answer = (res, status, text) => res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text)

http
  .createServer(async (req, res) => {
    if (req.method !== 'POST') return answer(res, 405, 'POST only')
    // Keep at most the cap plus one chunk: verifyWebhook refuses anything longer anyway.
    const chunks = []
    let kept = 0
    for await (const chunk of req) {
      if (kept <= WEBHOOK_MAX_BODY_BYTES) {
        chunks.push(chunk)
        kept += chunk.length
      }
    }
    try {
      const event = verifyWebhook(Buffer.concat(chunks), req.headers.authorization, callbackKey)
      // Answer fast; real work belongs in a queue. OneSpan may deliver an event twice.
      console.log(`[node receiver] ${event.name} package=${event.packageId} user=${event.sessionUser}`)
      answer(res, 204, '')
    } catch (err) {
      if (err instanceof WebhookVerificationError) return answer(res, 401, 'invalid callback key')
      if (err instanceof WebhookParseError) return answer(res, 400, err.message)
      answer(res, 500, 'internal error')
    }
  })
  .listen(port, () => console.log(`[node receiver] listening on http://0.0.0.0:${port}/`))
