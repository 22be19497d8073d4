#!/usr/bin/env node
'use strict'
// `npx onespan-sign-emulator [--port N] [--api-key K] [--client-id I] [--client-secret S]
// [--token-ttl-secs T] [--retry-deliveries true|false]`: the emulator embedded in the
// package, as a command for code in any language. Same flags and same JSON line as the Rust
// binary (emulator/src/main.rs); serves until SIGINT or SIGTERM, then stops and exits 0.

const { parseArgs } = require('node:util')
const { Emulator } = require('../emulator.js')

const USAGE =
  'usage: onespan-sign-emulator [--port N] [--api-key K] [--client-id I] ' +
  '[--client-secret S] [--token-ttl-secs T] [--retry-deliveries true|false]'

function usage(problem) {
  if (problem) process.stderr.write(`onespan-sign-emulator: ${problem}\n`)
  process.stderr.write(USAGE + '\n')
  process.exit(2)
}

/** A whole number of at least 0 from a flag's text, or the usage. */
function whole(flag, text) {
  if (!/^\d+$/.test(text)) usage(`--${flag} wants a whole number, not '${text}'`)
  return Number(text)
}

function options(argv) {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        'api-key': { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        'token-ttl-secs': { type: 'string' },
        'retry-deliveries': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (err) {
    usage(err.message)
  }
  if (values.help) {
    process.stdout.write(USAGE + '\n')
    process.exit(0)
  }
  const opts = {}
  if (values.port !== undefined) opts.port = whole('port', values.port)
  if (values['api-key'] !== undefined) opts.apiKey = values['api-key']
  if (values['client-id'] !== undefined) opts.clientId = values['client-id']
  if (values['client-secret'] !== undefined) opts.clientSecret = values['client-secret']
  if (values['token-ttl-secs'] !== undefined) {
    opts.tokenTtlMs = whole('token-ttl-secs', values['token-ttl-secs']) * 1000
  }
  const retry = values['retry-deliveries']
  if (retry !== undefined) {
    if (retry !== 'true' && retry !== 'false') usage(`--retry-deliveries wants true or false, not '${retry}'`)
    opts.retryDeliveries = retry === 'true'
  }
  return opts
}

async function main() {
  let emu
  try {
    emu = await Emulator.start(options(process.argv.slice(2)))
  } catch (err) {
    // A port in use, an option out of range: one line, no stack.
    process.stderr.write(`onespan-sign-emulator: ${err.message}\n`)
    process.exit(1)
  }
  // The server runs on the addon's threads, which do not keep Node's event loop alive.
  const alive = setInterval(() => {}, 1 << 30)
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await emu.stop()
    clearInterval(alive)
    process.exitCode = 0
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  // Printed once the signals are handled, so a harness may stop it as soon as it reads the
  // line. The emulator's credentials are test values for loopback use: printing them is the point.
  process.stdout.write(
    JSON.stringify({
      baseUrl: emu.baseUrl,
      apiKey: emu.apiKey,
      clientId: emu.clientId,
      clientSecret: emu.clientSecret,
      oauthClientId: emu.oauthClientId,
      oauthClientSecret: emu.oauthClientSecret,
      oauthTokenUrl: emu.oauthTokenUrl,
      senderId: emu.senderId,
      senderEmail: emu.senderEmail,
    }) + '\n',
  )
}

main()
