// Node's `util.inspect` hook, by its registered name (it is `util.inspect.custom`): the
// WebAssembly package must not import a Node built-in.
const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/**
 * A OneSpan Sign event notification: what verifyWebhook and parseWebhook return.
 *
 * The core checked the key and the body and read the six typed fields; `raw` is a getter
 * that parses the accepted body's text with JSON.parse when first read, then keeps it.
 * `JSON.stringify(event)` and `util.inspect` include `raw`; spreading (`{ ...event }`)
 * copies the typed fields only.
 */
class WebhookEvent {
  #text
  #raw

  /**
   * `fields`: name, packageId, documentId, sessionUser, message, createdDate (null where
   * absent); `text`: the body the core accepted, as a string.
   */
  constructor(fields, text) {
    this.name = fields[0]
    this.packageId = fields[1]
    this.documentId = fields[2]
    this.sessionUser = fields[3]
    this.message = fields[4]
    this.createdDate = fields[5]
    this.#text = text
    this.#raw = undefined
  }

  /** The whole payload as received; nothing is dropped. */
  get raw() {
    if (this.#text !== undefined) {
      this.#raw = JSON.parse(this.#text)
      this.#text = undefined
    }
    return this.#raw
  }

  set raw(value) {
    this.#raw = value
    this.#text = undefined
  }

  /** Every field, `raw` included, as a plain object. */
  toJSON() {
    return {
      name: this.name,
      packageId: this.packageId,
      documentId: this.documentId,
      sessionUser: this.sessionUser,
      message: this.message,
      createdDate: this.createdDate,
      raw: this.raw,
    }
  }

  [INSPECT](depth, options, inspect) {
    const inner = { ...options, depth: options.depth === null ? null : options.depth - 1 }
    return `WebhookEvent ${inspect(this.toJSON(), inner)}`
  }
}

/**
 * The six typed fields from the core's one string (`EventView::joined_fields`: separated by
 * U+0000, an absent one a lone U+0001) read from `start`, then the index just past the
 * sixth: `[name, packageId, documentId, sessionUser, message, createdDate, next]`. The sixth
 * ends at the next U+0000 or at the end of `s`.
 */
function splitFields(s, start) {
  const out = new Array(7)
  for (let i = 0; i < 6; i++) {
    let end = s.indexOf('\0', start)
    if (end < 0) end = s.length
    out[i] = end === start + 1 && s.charCodeAt(start) === 1 ? null : s.slice(start, end)
    start = end + 1
  }
  out[6] = start
  return out
}
