// onespan-sign-webhooks: webhook verification from the onespan-sign core, compiled to
// WebAssembly. This entry carries the wasm inline (pkg/wasm-inline.js, base64) and
// instantiates it once, asynchronously, at import: no fetch, no file system, so it works the
// same in Deno, Bun, browsers and Node. Cloudflare Workers and Vercel Edge refuse to compile
// WebAssembly from bytes; package.json sends them to workerd.js instead.
import initWasm from './pkg/onespan_sign_webhooks.js'
import { wasmBytes } from './pkg/wasm-inline.js'

await initWasm({ module_or_path: wasmBytes() })

export * from './api.js'
