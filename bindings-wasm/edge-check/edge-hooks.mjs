// Module hooks for the edge-runtime check (test/edge.test.mjs): every module the package's graph
// resolves is printed ("RESOLVED <url>"), and a `.wasm` import becomes a compiled
// WebAssembly.Module, as the Cloudflare and Vercel bundlers do for workerd.js. The file
// system is used here, in the test's loader, never by the package.
import { readFileSync } from 'node:fs'

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context)
  console.log(`RESOLVED ${resolved.url}`)
  return resolved
}

export async function load(url, context, next) {
  if (url.endsWith('.wasm')) {
    const base64 = readFileSync(new URL(url)).toString('base64')
    return {
      format: 'module',
      shortCircuit: true,
      source: `export default new WebAssembly.Module(Uint8Array.from(atob('${base64}'), (c) => c.charCodeAt(0)))`,
    }
  }
  return next(url, context)
}
