// Every JavaScript file the package's own modules require is in package.json's `files` (the
// addons native.js looks for come in the platform packages), so `npm pack`
// ships it (the clean-room test, `make test-dist`, finds the same mistake, but minutes later).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))

function shipped(file) {
  return pkg.files.some((f) => (f.endsWith('/') ? file.startsWith(f) : file === f))
}

test('every relative require of a shipped module is shipped', () => {
  const modules = pkg.files.filter((f) => f.endsWith('.js'))
  assert.ok(modules.includes('index.js'))
  const missing = []
  for (const file of modules) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8')
    for (const [, target] of text.matchAll(/require\('\.\/([^']+\.js)'\)/g)) {
      if (!shipped(target)) missing.push(`${file} requires ./${target}`)
    }
  }
  assert.deepStrictEqual(missing, [])
})
