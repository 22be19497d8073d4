// The package as an edge runtime loads it: its module graph holds only the package's own
// files (no `node:` module, no bare specifier), fetch is never called, and no file the
// package ships names a Node-only global.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const dir = fileURLToPath(new URL('..', import.meta.url))
const hooks = new URL('../edge-check/edge-hooks.mjs', import.meta.url).href
const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks)})`

function load(entry) {
  const out = execFileSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(register)}`, fileURLToPath(new URL('../edge-check/edge-child.mjs', import.meta.url)), entry],
    { encoding: 'utf8' },
  )
  const lines = out.split('\n')
  // Only what the package imports: the child's own start-up comes before IMPORT START.
  const graph = lines
    .slice(lines.indexOf('IMPORT START'))
    .filter((l) => l.startsWith('RESOLVED '))
    .map((l) => l.slice('RESOLVED '.length))
  return { graph, event: lines.find((l) => l.startsWith('EVENT ')) }
}

for (const entry of ['index.js', 'workerd.js']) {
  test(`${entry} imports only the package's own files and verifies without fetch`, () => {
    const { graph, event } = load(entry)
    assert.equal(event, 'EVENT PACKAGE_COMPLETE p1')
    assert.ok(graph.length >= 3, `the graph was recorded: ${graph}`)
    const own = pathToFileURL(dir).href
    for (const url of graph) {
      assert.ok(url.startsWith(own) && !url.includes('/node_modules/'), `outside the package: ${url}`)
    }
  })
}

test('the .wasm is at most 300 KB after wasm-opt', () => {
  const size = statSync(new URL('../pkg/onespan_sign_webhooks_bg.wasm', import.meta.url)).size
  assert.ok(size <= 300 * 1024, `${size} bytes`)
})

test('no file the package ships uses require, process, Buffer or a node: module', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  const scripts = pkg.files.filter((f) => f.endsWith('.js'))
  assert.ok(scripts.length >= 5, `${scripts}`)
  for (const file of scripts) {
    const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
    for (const banned of [/\brequire\s*\(/, /\bprocess\./, /\bBuffer\b/, /['"]node:/, /\bimport\.meta\.url\b/]) {
      assert.doesNotMatch(text, banned, `${file} uses ${banned}`)
    }
  }
})
