'use strict'
// The Node side of `make bench`: the SDK against Node's global fetch (undici) + JSON.parse,
// and against hand-written webhook code (crypto.timingSafeEqual + JSON.parse).
//
//   node bench/node/bench.js MODE CONFIG_JSON
//
// MODE: http (CONFIG.inflight requests in flight), webhook, wasm-webhook (the WebAssembly
// package against this native addon), rss-webhook, rss-http.
// Prints one JSON object per measured round. Rounds alternate which side goes first, and a
// warm-up round of each side is dropped. Every loop stops at a deadline and a maximum
// count, and only talks to the loopback base URL it is given.
//
// The release addon is loaded through NAPI_RS_NATIVE_LIBRARY_PATH (set by bench/run.py);
// this script refuses to run if the loader fell back to another build.

const crypto = require('node:crypto')
const fs = require('node:fs')
const { performance } = require('node:perf_hooks')

const sdk = require('onespan-sign')

const wanted = process.env.NAPI_RS_NATIVE_LIBRARY_PATH
if (!wanted || !Object.keys(require.cache).includes(wanted)) {
  console.error(`the release addon ${wanted} was not the one loaded`)
  process.exit(2)
}

const now = () => performance.now() / 1000
const emit = (fields) => console.log(JSON.stringify(fields))

function* alternate(rounds, sides) {
  for (let r = 0; r <= rounds; r++) {
    for (const side of r % 2 === 0 ? sides : [...sides].reverse()) yield [r, side]
  }
}

function loopback(base) {
  base = base.replace(/\/+$/, '')
  if (!base.startsWith('http://127.0.0.1:')) throw new Error(`refusing a non-loopback base URL ${base}`)
  return base
}

// ---- HTTP ---------------------------------------------------------------------------------

function calls(cfg) {
  const base = loopback(cfg.base)
  const client = new sdk.Client({ apiKey: cfg.key, baseUrl: base })
  const roleUrl = `${base}/api/packages/${cfg.package}/roles/${cfg.role}`
  const statusUrl = `${base}/api/packages/${cfg.package}/signingStatus`
  // The same headers the SDK sends (its User-Agent aside).
  const headers = { Authorization: `Basic ${cfg.key}`, Accept: 'application/json' }
  const get = async (url) => {
    const r = await fetch(url, { headers })
    if (!r.ok) throw new Error(`status ${r.status}`)
    return JSON.parse(await r.text())
  }
  return {
    roles_get: {
      ours: () => client.roles.get(cfg.package, cfg.role),
      baseline: () => get(roleUrl),
    },
    signing_status: {
      ours: () => client.packages.signingStatus(cfg.package),
      baseline: async () => (await get(statusUrl)).status,
    },
  }
}

async function http(cfg) {
  const inflight = cfg.inflight
  const perTaskMax = Math.floor((cfg.max_calls ?? 200000) / inflight) + 1
  const fns = calls(cfg)
  const a = await fns.roles_get.ours()
  const b = await fns.roles_get.baseline()
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    // Key order may differ; compare canonically.
    const canon = (v) => JSON.stringify(v, Object.keys(flatKeys(v)).sort())
    if (canon(a) !== canon(b)) throw new Error('the SDK and fetch decoded different roles')
  }
  for (const call of ['roles_get', 'signing_status']) {
    for (const [r, side] of alternate(cfg.rounds, ['ours', 'baseline'])) {
      const f = fns[call][side]
      const start = now()
      const deadline = start + cfg.secs
      const worker = async () => {
        let n = 0
        while (n < perTaskMax && now() < deadline) {
          await f()
          n++
        }
        return n
      }
      const counts = await Promise.all(Array.from({ length: inflight }, worker))
      const secs = now() - start
      if (r) {
        emit({ bench: `node_http_${inflight}`, call, side, round: r, inflight,
          calls: counts.reduce((x, y) => x + y, 0), secs })
      }
    }
  }
}

function flatKeys(v, out = {}) {
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out[k] = true
      flatKeys(x, out)
    }
  }
  return out
}

// ---- webhooks -------------------------------------------------------------------------------

function loadVector(cfg) {
  const v = JSON.parse(fs.readFileSync(cfg.vector, 'utf8'))
  return { body: Buffer.from(v.body, 'utf8'), auth: v.headers.Authorization, key: v.key }
}

const text = (raw, k) => (typeof raw[k] === 'string' ? raw[k] : null)

/** The same checks the SDK makes, by hand: `Basic <key>` or the bare key in constant time,
 * then UTF-8 JSON holding an object with a string name, size-capped; the same object shape
 * (typed fields plus `raw`). */
function baselineVerify(body, authorization, key) {
  if (!key || authorization == null) throw new Error('no key or no header')
  const header = authorization.replace(/^[ \t]+|[ \t]+$/g, '')
  const k = Buffer.from(key)
  const h = Buffer.from(header)
  let ok = h.length === k.length && crypto.timingSafeEqual(h, k)
  if (/^basic[ \t]/i.test(header)) {
    const rest = Buffer.from(header.slice(5).replace(/^[ \t]+/, ''))
    ok = (rest.length === k.length && crypto.timingSafeEqual(rest, k)) || ok
  }
  if (!ok) throw new Error('wrong key')
  if (body.length === 0 || body.length > 1024 * 1024) throw new Error('bad size')
  const raw = JSON.parse(body.toString('utf8'))
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not an object')
  if (typeof raw.name !== 'string' || !raw.name) throw new Error('no name')
  return {
    name: raw.name,
    packageId: text(raw, 'packageId'),
    documentId: text(raw, 'documentId'),
    sessionUser: text(raw, 'sessionUser'),
    message: text(raw, 'message'),
    createdDate: text(raw, 'createdDate'),
    raw,
  }
}

function webhook(cfg) {
  const { body, auth, key } = loadVector(cfg)
  const ours = sdk.verifyWebhook(body, auth, key)
  const base = baselineVerify(body, auth, key)
  for (const f of ['name', 'packageId', 'documentId', 'sessionUser', 'message', 'createdDate']) {
    if ((ours[f] ?? null) !== base[f]) throw new Error(`the SDK and the baseline disagree on ${f}`)
  }
  if (JSON.stringify(ours.raw) !== JSON.stringify(base.raw)) throw new Error('raw differs')
  const fns = { ours: sdk.verifyWebhook, baseline: baselineVerify }
  const maxCalls = cfg.max_calls ?? 20000000
  let sink = 0
  for (const [r, side] of alternate(cfg.rounds, ['ours', 'baseline'])) {
    const v = fns[side]
    const start = now()
    const deadline = start + cfg.secs
    let n = 0
    while (n < maxCalls && now() < deadline) {
      for (let i = 0; i < 100; i++) {
        const e = v(body, auth, key)
        sink += e.name.length + e.packageId.length // a receiver reads at least these
      }
      n += 100
    }
    const secs = now() - start
    if (r) emit({ bench: 'node_webhook', side, round: r, calls: n, secs })
  }
  if (sink === 0) throw new Error('unreachable')
}

// The WebAssembly package (bindings-wasm, built by `make wasm`) against the native addon: the
// same call, the same Buffer body, the same object back.
async function wasmWebhook(cfg) {
  const { pathToFileURL } = require('node:url')
  const path = require('node:path')
  const wasm = await import(pathToFileURL(path.join(__dirname, '../../bindings-wasm/index.js')).href)
  const { body, auth, key } = loadVector(cfg)
  if (JSON.stringify(wasm.verifyWebhook(body, auth, key)) !== JSON.stringify(sdk.verifyWebhook(body, auth, key))) {
    throw new Error('the wasm package and the native addon disagree')
  }
  const fns = { ours: wasm.verifyWebhook, baseline: sdk.verifyWebhook }
  let sink = 0
  for (const [r, side] of alternate(cfg.rounds, ['ours', 'baseline'])) {
    const v = fns[side]
    const start = now()
    const deadline = start + cfg.secs
    let n = 0
    while (now() < deadline) {
      for (let i = 0; i < 100; i++) {
        const e = v(body, auth, key)
        sink += e.name.length + e.packageId.length
      }
      n += 100
    }
    const secs = now() - start
    if (r) emit({ bench: 'wasm_webhook', side, round: r, calls: n, secs })
  }
  if (sink === 0) throw new Error('unreachable')
}

// ---- memory -------------------------------------------------------------------------------

async function rssRun(what, n, perStep, step) {
  // n steps of perStep calls each
  const warm = Math.floor(n / 10)
  const start = now()
  for (let i = 0; i < warm; i++) await step()
  global.gc()
  const afterWarm = process.memoryUsage().rss
  for (let i = warm; i < n; i++) await step()
  global.gc()
  emit({ bench: 'rss', what, calls: n * perStep, rss_after_warmup_kib: Math.round(afterWarm / 1024),
    rss_end_kib: Math.round(process.memoryUsage().rss / 1024),
    peak_kib: process.resourceUsage().maxRSS, secs: now() - start })
}

async function rssWebhook(cfg) {
  const { body, auth, key } = loadVector(cfg)
  // Synchronous calls: batches of 10,000 between awaits keep the loop cheap.
  await rssRun('node verifyWebhook', cfg.n / 10000, 10000, () => {
    for (let i = 0; i < 10000; i++) sdk.verifyWebhook(body, auth, key)
  })
}

async function rssHttp(cfg) {
  const fns = calls(cfg)
  // 64 in flight per step.
  await rssRun('node Client.roles.get (64 in flight)', Math.ceil(cfg.n / 64), 64, () =>
    Promise.all(Array.from({ length: 64 }, () => fns.roles_get.ours())))
}

const MODES = { http, webhook, 'wasm-webhook': wasmWebhook, 'rss-webhook': rssWebhook, 'rss-http': rssHttp }

Promise.resolve(MODES[process.argv[2]](JSON.parse(process.argv[3]))).catch((e) => {
  console.error(e)
  process.exit(1)
})
