// The package as users import it: every public name by name, from ESM and from CommonJS.
// Node's ESM loader sees a CommonJS module's names only when cjs-module-lexer can read them
// from index.js, so `import { NotFoundError } from 'onespan-sign'` is what is tested here,
// against the package name (the root node_modules link `make node` creates).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import {
  Client, Emulator, fromNative, verifyWebhook, parseWebhook, WEBHOOK_MAX_BODY_BYTES,
  PackageStatus, RoleType, SigningStatus, WebhookEventName,
  OneSpanError, ApiError, BadRequestError, AuthenticationError, PermissionDeniedError,
  NotFoundError, ConflictError, RateLimitError, ServerError, TransportError, TimeoutError,
  InvalidArgumentError, UnexpectedResponseError, WebhookVerificationError, WebhookParseError,
} from 'onespan-sign'
import * as namespace from 'onespan-sign'

const require = createRequire(import.meta.url)
const cjs = require('onespan-sign')
const errors = require('../errors.js')
const enums = require('../enums.js')

test('every public name imports by name from ESM, and is the CommonJS export', () => {
  const named = {
    Client, Emulator, fromNative, verifyWebhook, parseWebhook, WEBHOOK_MAX_BODY_BYTES,
    PackageStatus, RoleType, SigningStatus, WebhookEventName,
    OneSpanError, ApiError, BadRequestError, AuthenticationError, PermissionDeniedError,
    NotFoundError, ConflictError, RateLimitError, ServerError, TransportError, TimeoutError,
    InvalidArgumentError, UnexpectedResponseError, WebhookVerificationError, WebhookParseError,
  }
  for (const [name, value] of Object.entries(named)) {
    assert.notEqual(value, undefined, `${name} is not importable by name`)
    assert.equal(value, cjs[name], name)
  }
  assert.equal(typeof Client, 'function')
  assert.equal(SigningStatus.SIGNING_COMPLETED, 'SIGNING_COMPLETED')
  assert.equal(WEBHOOK_MAX_BODY_BYTES, 1024 * 1024)
  assert.ok(new NotFoundError('x') instanceof ApiError)
})

test('the ESM names are exactly the CommonJS names, generated classes and enums included', () => {
  const esm = Object.keys(namespace).filter((k) => k !== 'default').sort()
  assert.deepEqual(esm, Object.keys(cjs).sort())
  // errors.js and enums.js are generated: a new class or enum must reach the ESM surface.
  for (const name of [...Object.keys(errors), ...Object.keys(enums)]) {
    assert.ok(esm.includes(name), `${name} is generated but not exported by name`)
  }
})

test('an ESM user catches the class the package throws', async () => {
  const emu = await Emulator.start()
  try {
    const client = new Client({ apiKey: emu.apiKey, baseUrl: emu.baseUrl })
    const err = await client.packages.get('nope').then(() => null, (e) => e)
    assert.ok(err instanceof NotFoundError)
    assert.equal(err.status, 404)
  } finally {
    await emu.stop()
  }
})
