// Types of the test emulator (emulator.js).

export interface EmulatorOptions {
  port?: number
  apiKey?: string
  clientId?: string
  clientSecret?: string
  /** Lifetime of API tokens, in milliseconds (default 30 minutes). */
  tokenTtlMs?: number
  /** Lifetime of signer authentication tokens, in milliseconds (default 30 minutes). */
  signerTokenTtlMs?: number
  /**
   * Try a failed event delivery again (four tries in all). Off by default: the service
   * never resends a failed callback.
   */
  retryDeliveries?: boolean
}

/** A fault for the emulator to inject into the next matching requests. */
export interface Fault {
  /** How many matching requests it applies to (default 1). */
  count?: number
  /** Only requests whose path starts with this. */
  path?: string
  /** Only requests with this method. */
  method?: string
  /** Wait this long first. */
  delayMs?: number
  /** Answer with this status instead of handling the request. */
  status?: number
  /** Seconds, sent as Retry-After. */
  retryAfter?: number
  body?: 'json' | 'html' | 'empty' | 'truncated' | 'huge'
  /**
   * drop: close without answering; dropAfter: handle the request, then close; cut: answer,
   * then close half-way through the body (a download cut mid-stream).
   */
  action?: 'drop' | 'dropAfter' | 'cut'
}

/** One attempt to deliver an event to the callback URL. */
export interface DeliveryAttempt {
  eventName: string
  packageId: string
  url: string
  attempt: number
  status: number | null
  error: string | null
  delivered: boolean
}

/** An email or SMS the emulated service sent. */
export interface Notification {
  kind: 'email' | 'sms'
  packageId: string
  roleId: string
  to: string
}

/**
 * An offline OneSpan Sign API on 127.0.0.1, for tests. What it recorded (requests, events,
 * deliveries, notifications, counters) stays readable after `stop()`.
 */
export declare class Emulator {
  /** Starts it; an unknown option or a wrong type is an InvalidArgumentError naming the option. */
  static start(options?: EmulatorOptions): Promise<Emulator>
  readonly baseUrl: string
  readonly apiKey: string
  readonly clientId: string
  readonly clientSecret: string
  /** The account sender's user ID: the owner's role (type SENDER) every package holds, and the sender of API-key and OWNER-token requests. */
  readonly senderId: string
  /** The account sender's email. */
  readonly senderEmail: string
  /** The OAuth 2.0 client the emulator's token endpoint accepts. */
  readonly oauthClientId: string
  readonly oauthClientSecret: string
  /** `{baseUrl}/oauth2/token`. */
  readonly oauthTokenUrl: string
  /** Token requests: client-app exchanges and OAuth 2.0 token requests alike. */
  readonly tokenRequests: number
  readonly apiRequests: number
  /** The User-Agent of the last request received. */
  readonly lastUserAgent: string | null
  expireTokens(): void
  setTokenTtl(ms: number): void
  setSignerTokenTtl(ms: number): void
  reset(): void
  /** The signer of `roleId` signs `documentId`, or every document when it is omitted. */
  signDocument(packageId: string, roleId: string, documentId?: string): void
  /** The signer of `roleId` signs everything left and completes. */
  completeSigning(packageId: string, roleId: string): void
  /** The signer of `roleId` is locked out, as after failed authentication attempts. */
  lockSigner(packageId: string, roleId: string): void
  /** Emails and SMS sent so far. */
  notifications(): Notification[]
  /** Event payloads emitted so far, as the service would POST them. */
  events(): Array<Record<string, unknown>>
  /** Arms a fault for the next matching requests. */
  injectFault(fault: Fault): void
  /** Every request received so far, as "METHOD /path", in order. */
  requests(): string[]
  /** Every attempt to deliver an event to the callback URL. */
  deliveries(): DeliveryAttempt[]
  /**
   * Causes an event the API has no endpoint for (`PACKAGE_DECLINE`, `PACKAGE_OPT_OUT`,
   * `PACKAGE_EXPIRE`, `PACKAGE_ATTACHMENT`, `ROLE_REASSIGN`, `KBA_FAILURE`, `EMAIL_BOUNCE`),
   * by the signer of `roleId`, with `message` as the reason.
   */
  simulateEvent(packageId: string, eventName: string, roleId?: string, message?: string): void
  /**
   * Stops serving; resolves once stopped: a request still in flight is cut off unanswered and
   * no connection is accepted any more. Idempotent.
   */
  stop(): Promise<void>
}
