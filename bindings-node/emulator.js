'use strict'
// The test emulator's facade: the native handle, with errors mapped by `guarded`.

const util = require('node:util')
const native = require('./loader.js')
const { guarded } = require('./guarded.js')

/**
 * An offline OneSpan Sign API on 127.0.0.1, for tests. What it recorded (requests, events,
 * deliveries, notifications, counters) stays readable after `stop()`.
 */
class Emulator {
  #native
  constructor(handle) {
    this.#native = handle
  }

  /**
   * Starts an emulator on a free loopback port with generated credentials. Options (see
   * EmulatorOptions) are checked by the emulator: an unknown name or a wrong type is an
   * InvalidArgumentError naming the option.
   */
  static async start(options) {
    return new Emulator(await guarded(native.Emulator.start)(options))
  }

  get baseUrl() {
    return this.#native.baseUrl
  }
  get apiKey() {
    return this.#native.apiKey
  }
  get clientId() {
    return this.#native.clientId
  }
  get clientSecret() {
    return this.#native.clientSecret
  }
  /** The account sender's user ID: the owner's role (type SENDER) every package holds, and the sender of API-key and OWNER-token requests. */
  get senderId() {
    return this.#native.senderId
  }
  /** The account sender's email. */
  get senderEmail() {
    return this.#native.senderEmail
  }
  get oauthClientId() {
    return this.#native.oauthClientId
  }
  get oauthClientSecret() {
    return this.#native.oauthClientSecret
  }
  /** `{baseUrl}/oauth2/token`: the emulator's OAuth 2.0 token endpoint. */
  get oauthTokenUrl() {
    return this.#native.oauthTokenUrl
  }
  /** How many token requests were asked for (client-app exchanges and OAuth 2.0 token requests). */
  get tokenRequests() {
    return this.#native.tokenRequests
  }
  /** The User-Agent of the last request received. */
  get lastUserAgent() {
    return this.#native.lastUserAgent
  }
  /** How many `/api` requests arrived. */
  get apiRequests() {
    return this.#native.apiRequests
  }
  /** Every API token issued so far stops working. */
  expireTokens() {
    return guarded(() => this.#native.expireTokens())()
  }
  /** Lifetime, in milliseconds, of API tokens issued from now on. */
  setTokenTtl(ms) {
    return guarded(() => this.#native.setTokenTtl(ms))()
  }
  /** Lifetime, in milliseconds, of signer authentication tokens issued from now on. */
  setSignerTokenTtl(ms) {
    return guarded(() => this.#native.setSignerTokenTtl(ms))()
  }
  /** Forgets all packages, tokens and counts. */
  reset() {
    return guarded(() => this.#native.reset())()
  }
  /** The signer of `roleId` signs `documentId`, or every document when it is omitted. */
  signDocument(packageId, roleId, documentId) {
    return guarded(() => this.#native.signDocument(packageId, roleId, documentId))()
  }
  /** The signer of `roleId` signs everything left and completes. */
  completeSigning(packageId, roleId) {
    return guarded(() => this.#native.completeSigning(packageId, roleId))()
  }
  /** The signer of `roleId` is locked out, as after failed authentication attempts. */
  lockSigner(packageId, roleId) {
    return guarded(() => this.#native.lockSigner(packageId, roleId))()
  }
  /** Emails and SMS sent so far: `{ kind, packageId, roleId, to }`. */
  notifications() {
    return guarded(() => this.#native.notifications())()
  }
  /** Event payloads emitted so far, as the service would POST them. */
  events() {
    return guarded(() => this.#native.events())()
  }
  /** Arms a fault for the next matching requests (see Fault in index.d.ts). */
  injectFault(fault) {
    return guarded(() => this.#native.injectFault(fault))()
  }
  /** Every request received so far, as "METHOD /path", in order. */
  requests() {
    return guarded(() => this.#native.requests())()
  }
  /** Every attempt to deliver an event to the callback URL. */
  deliveries() {
    return guarded(() => this.#native.deliveries())()
  }
  /** Causes an event the API has no endpoint for (PACKAGE_DECLINE, PACKAGE_OPT_OUT, ...). */
  simulateEvent(packageId, eventName, roleId, message) {
    return guarded(() => this.#native.simulateEvent(packageId, eventName, roleId, message))()
  }
  /**
   * Stops serving; resolves once stopped: a request still in flight is cut off unanswered and
   * no connection is accepted any more. Idempotent.
   */
  stop() {
    return guarded(() => this.#native.stop())()
  }

  toString() {
    return `Emulator(baseUrl=${this.baseUrl})`
  }

  [util.inspect.custom]() {
    return this.toString()
  }
}

module.exports = { Emulator }
