// Types of `onespan-sign/express` (express.js).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { WebhookEvent } from './index'

export interface WebhookMiddlewareOptions {
  /** The callback key registered with OneSpan Sign. */
  callbackKey: string
}

/** A request seen by the middleware; after it, `onespanEvent` holds the verified event. */
export type WebhookRequest = IncomingMessage & { body?: unknown; onespanEvent?: WebhookEvent }

/**
 * A middleware that verifies the Authorization header against `callbackKey`, then reads and
 * parses the raw body, sets `req.onespanEvent` and calls `next()`. It answers 401 for a wrong
 * or missing key without reading the body, 413 for a body over `WEBHOOK_MAX_BODY_BYTES`
 * (1 MiB) without reading past it, and 400 for a body that is not a OneSpan event. Mount it
 * before `express.json()`.
 */
export declare function webhookMiddleware(
  options: WebhookMiddlewareOptions,
): (req: WebhookRequest, res: ServerResponse, next: (err?: unknown) => void) => void

declare global {
  namespace Express {
    interface Request {
      /** The verified OneSpan Sign event, set by `webhookMiddleware`. */
      onespanEvent?: WebhookEvent
    }
  }
}
