// Types of the public surface (index.js). The models, enums, service interfaces, options
// and error classes are generated from the core (models.d.ts, services.d.ts, errors.d.ts);
// this file adds the hand-written facade: the client, the webhook functions, the emulator.

import type { WebhookEvent } from './models'
import type {
  ClientOptions, CallOptions, Packages, Documents, Templates, Roles, AuthTokens, Senders, Callbacks,
} from './services'

export * from './models'
export * from './services'
export * from './errors'
export * from './emulator'

/** A OneSpan Sign client. Methods return Promises; one client is safe to share. */
export declare class Client {
  /**
   * Builds a client; unknown option names and values of the wrong type are refused with
   * InvalidArgumentError. Every method that sends a request takes `{ signal }` last.
   */
  constructor(options?: ClientOptions)
  readonly packages: Packages
  readonly documents: Documents
  readonly templates: Templates
  readonly roles: Roles
  readonly authTokens: AuthTokens
  readonly senders: Senders
  readonly callbacks: Callbacks
  /** The base URL requests go to. */
  readonly baseUrl: string
  /**
   * A client with other limits for the calls made through it; shares connections, tokens
   * and the logger.
   */
  withOptions(options: CallOptions): Client
}

/** Turns an error thrown by the native addon into the matching exported class. */
export declare function fromNative(err: unknown): unknown

/**
 * Checks that `authorization` (the request's Authorization header value) carries
 * `callbackKey`, then parses `body` (the raw request body). Throws WebhookVerificationError
 * for a missing header, an empty key or a mismatch, WebhookParseError for a body that is
 * not a OneSpan event.
 *
 * The event's `raw` is a getter: the payload is parsed from the accepted body when first
 * read, then kept. `JSON.stringify(event)` and `util.inspect` include it;
 * spreading (`{ ...event }`) copies the typed fields only.
 */
export declare function verifyWebhook(
  body: Buffer | string,
  authorization: string | null | undefined,
  callbackKey: string,
): WebhookEvent
/** Parses `body` without checking any key. Throws WebhookParseError. `raw` as for verifyWebhook. */
export declare function parseWebhook(body: Buffer | string): WebhookEvent
/** Bodies longer than this many bytes (1 MiB) are refused before parsing. */
export declare const WEBHOOK_MAX_BODY_BYTES: number
