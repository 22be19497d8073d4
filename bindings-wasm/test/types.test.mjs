// The package's TypeScript declarations, as a strict TypeScript user on an edge runtime sees
// them (no Node types): test/types/usage.ts must compile, its misuses must not.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const project = fileURLToPath(new URL('./types/tsconfig.json', import.meta.url))

test('every export type-checks under tsc --strict', () => {
  const r = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8', timeout: 120_000 })
  assert.equal(r.status, 0, r.stdout + r.stderr)
})

test('every declaration file the types import is shipped', () => {
  const root = new URL('../', import.meta.url)
  const pkg = JSON.parse(fs.readFileSync(new URL('package.json', root), 'utf8'))
  const seen = new Set()
  const visit = (file) => {
    if (seen.has(file)) return
    seen.add(file)
    assert.ok(pkg.files.includes(file), `${file} is not in package.json "files"`)
    const text = fs.readFileSync(new URL(file, root), 'utf8')
    for (const [, spec] of text.matchAll(/from '\.\/([\w.-]+)\.js'/g)) visit(`${spec}.d.ts`)
  }
  visit(pkg.types.replace(/^\.\//, ''))
  assert.ok(seen.has('webhook.d.ts'), 'the generated event types')
})
