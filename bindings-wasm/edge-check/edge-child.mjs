// Loads one entry of the package the way an edge runtime would see it: fetch throws, the
// body is a Uint8Array; then verifies one event. Run by test/edge.test.mjs with edge-hooks.mjs (outside test/, so node --test does not run it alone).
// (Buffer stays: Node's own lazily loaded globals, such as Response, need it.)
const entry = process.argv[2]
globalThis.fetch = () => {
  throw new Error('the package called fetch')
}
console.log('IMPORT START')
const pkg = await import(new URL(`../${entry}`, import.meta.url).href)
const body = new TextEncoder().encode('{"name":"PACKAGE_COMPLETE","packageId":"p1"}')
const event = pkg.verifyWebhook(body, 'Basic cb-key-5f2a9c1e', 'cb-key-5f2a9c1e')
console.log(`EVENT ${event.name} ${event.packageId}`)
