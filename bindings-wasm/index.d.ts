// Types of onespan-sign-webhooks (the same for every entry).

/** An event name: the known constants, or any other string OneSpan adds later. */
export type WebhookEventName =
  | 'PACKAGE_CREATE'
  | 'PACKAGE_ACTIVATE'
  | 'PACKAGE_DEACTIVATE'
  | 'PACKAGE_READY_FOR_COMPLETE'
  | 'PACKAGE_COMPLETE'
  | 'PACKAGE_ARCHIVE'
  | 'PACKAGE_TRASH'
  | 'PACKAGE_RESTORE'
  | 'PACKAGE_DELETE'
  | 'PACKAGE_DECLINE'
  | 'PACKAGE_EXPIRE'
  | 'PACKAGE_OPT_OUT'
  | 'PACKAGE_ATTACHMENT'
  | 'DOCUMENT_SIGNED'
  | 'SIGNER_COMPLETE'
  | 'ROLE_REASSIGN'
  | 'SIGNER_LOCKED'
  | 'KBA_FAILURE'
  | 'EMAIL_BOUNCE'
  | 'COBROWSE_REQUEST'
  | 'TEMPLATE_CREATE'
  | 'DOCUMENT_VIEWED'
  | (string & {})

/** An event notification, as the Node package's WebhookEvent. */
export interface WebhookEvent {
  /** Which event this is. */
  name: WebhookEventName
  /** The package (transaction) the event is about. */
  packageId: string | null
  /** The document, for DOCUMENT_SIGNED. */
  documentId: string | null
  /** The sender's ID for sender-triggered events, the signer's for signer-triggered ones. */
  sessionUser: string | null
  /** The reason, for declines and opt-outs. */
  message: string | null
  /** When the event happened, as sent. */
  createdDate: string | null
  /**
   * The whole payload as received; nothing is dropped. A getter: parsed from the accepted
   * body when first read, then kept (`JSON.stringify(event)` includes it; `{ ...event }` does not).
   */
  raw: Record<string, unknown>
}

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
