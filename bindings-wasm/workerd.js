// The entry for Cloudflare Workers (`workerd`) and Vercel Edge (`edge-light`): their
// bundlers turn a `.wasm` import into a compiled WebAssembly.Module, the only form those
// runtimes instantiate.
import { initSync } from './pkg/onespan_sign_webhooks.js'
import wasmModule from './pkg/onespan_sign_webhooks_bg.wasm'

initSync({ module: wasmModule })

export * from './api.js'
