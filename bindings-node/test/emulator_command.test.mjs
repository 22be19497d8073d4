// `npx onespan-sign-emulator` (the package's `bin`): the emulator as a command for code in any
// language. It prints the JSON line of tests/vectors/emulator_command.json (the Rust binary's
// line), serves with the credentials it was given, and SIGINT or SIGTERM stops it with code 0.
// Also: requiring the package where no addon exists says which platform and what to do.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { sdk } from './helpers.mjs'

const bin = fileURLToPath(new URL('../bin/onespan-sign-emulator.js', import.meta.url))
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const vector = JSON.parse(readFileSync(new URL('../../tests/vectors/emulator_command.json', import.meta.url), 'utf8'))

async function start(...args) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const lines = createInterface({ input: child.stdout })
  const [line] = await once(lines, 'line')
  return { child, line: JSON.parse(line), stderr: () => stderr }
}

async function stop(child, signal) {
  const exited = once(child, 'exit')
  child.kill(signal)
  const [code, sig] = await exited
  return { code, sig }
}

test('the package names the command in its bin', () => {
  assert.equal(pkg.bin['onespan-sign-emulator'], 'bin/onespan-sign-emulator.js')
})

for (const signal of ['SIGTERM', 'SIGINT']) {
  test(`prints the shared line, serves, and ${signal} stops it with code 0`, async () => {
    const { child, line, stderr } = await start('--api-key', 'cmd-key-7c1d', '--token-ttl-secs', '60')
    try {
      assert.deepEqual(Object.keys(line), vector.keys)
      assert.equal(line.apiKey, 'cmd-key-7c1d')
      assert.match(line.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/)
      assert.equal(line.oauthTokenUrl, `${line.baseUrl}/oauth2/token`)
      const right = new sdk.Client({ apiKey: 'cmd-key-7c1d', baseUrl: line.baseUrl, maxRetries: 0 })
      await assert.rejects(right.packages.get('no-such-package'), sdk.NotFoundError)
      const wrong = new sdk.Client({ apiKey: 'another-key', baseUrl: line.baseUrl, maxRetries: 0 })
      await assert.rejects(wrong.packages.get('no-such-package'), sdk.AuthenticationError)
    } finally {
      const { code } = await stop(child, signal)
      assert.equal(code, 0, stderr())
    }
  })
}

test('every shared flag is accepted', async () => {
  const args = vector.flags.flatMap((flag) => [flag, vector.sample[flag] ?? '17'])
  const { child, line } = await start(...args)
  assert.equal((await stop(child, 'SIGTERM')).code, 0)
  assert.equal(line.clientId, '17')
  assert.equal(line.clientSecret, '17')
  assert.equal(line.apiKey, '17')
})

for (const [args, words] of [
  [['--colour', 'blue'], "Unknown option '--colour'"],
  [['--port', 'eighty'], "--port wants a whole number, not 'eighty'"],
  [['--port', '70000'], "'port' must be a whole number from 0 to 65535"],
]) {
  test(`${args.join(' ')} is refused in one line`, () => {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 })
    assert.ok(r.status === 1 || r.status === 2, `status ${r.status}`)
    assert.ok(r.stderr.includes(words), r.stderr)
    assert.doesNotMatch(r.stderr, /\n\s+at /)
    assert.equal(r.stdout, '')
  })
}

test('no addon for this platform: says which platform, which are supported, how to build', () => {
  // A machine napi has no addon for, as the package sees it.
  const pretend = "Object.defineProperty(process, 'platform', { value: 'freebsd' })"
  const index = fileURLToPath(new URL('../index.js', import.meta.url))
  const r = spawnSync(process.execPath, ['-e', `${pretend}; require(${JSON.stringify(index)})`], {
    encoding: 'utf8',
    timeout: 30_000,
  })
  assert.notEqual(r.status, 0)
  assert.match(r.stderr, new RegExp(`no native addon for this platform \\(freebsd-${process.arch}\\): no prebuilt addon exists for it`))
  assert.match(r.stderr, /linux-x64-gnu, linux-arm64-gnu, linux-x64-musl, linux-arm64-musl/)
  assert.match(r.stderr, /npm run build:release/)
  assert.doesNotMatch(r.stderr, /npm has a bug/)
})
