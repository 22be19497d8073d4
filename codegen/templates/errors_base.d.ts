
export interface ErrorFields {
  status?: number | null
  messageKey?: string | null
  technical?: string | null
  body?: string | null
  retryAfterMs?: number | null
  detail?: string
}

/** Base of every error the SDK raises; raised itself only for a bug in the SDK. */
export declare class OneSpanError extends Error {
  constructor(message: string, fields?: ErrorFields)
  /** HTTP status of the answer, when there was one. */
  readonly status: number | null
  /** OneSpan's machine-readable key, e.g. `error.validation.invalidState`. */
  readonly messageKey: string | null
  /** OneSpan's technical detail. */
  readonly technical: string | null
  /** The raw answer body, as text. */
  readonly body: string | null
  /** Milliseconds the server asked to wait (`Retry-After`), when it did. */
  readonly retryAfterMs: number | null
  /** The full description: status, message and key. */
  readonly detail: string
}
