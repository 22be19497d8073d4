// Types of onespan-sign-webhooks (the same for every entry).

// The event's types are generated from the core's definitions, as the Node package's are.
import type { WebhookEvent } from './webhook.js'
export type { WebhookEvent, WebhookEventName } from './webhook.js'

/** The raw request body: bytes, an ArrayBuffer (`await request.arrayBuffer()`) or text. */
export type WebhookBody = Uint8Array | ArrayBuffer | string

/**
 * Checks that `authorization` (the request's Authorization header value, or null) carries
 * `callbackKey`, then parses `body`. Throws WebhookVerificationError for a missing header, an
 * empty key or a mismatch; WebhookParseError for a body that is not a OneSpan event; a
 * TypeError for arguments of the wrong type.
 */
export declare function verifyWebhook(
  body: WebhookBody,
  authorization: string | null | undefined,
  callbackKey: string,
): WebhookEvent
/** Parses `body` without checking any key. Throws WebhookParseError. */
export declare function parseWebhook(body: WebhookBody): WebhookEvent
/** The body size cap in bytes (1 MiB). */
export declare const MAX_BODY_BYTES: number

/** The Authorization header did not carry the callback key. */
export declare class WebhookVerificationError extends Error {}
/** The body is not a OneSpan Sign event. */
export declare class WebhookParseError extends Error {}
