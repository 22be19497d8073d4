// Runs jest/*.jest.test.js under Jest (from the npm registry, pinned in package.json), so
// that `node --test test/` and `make test` prove the package works in Jest's separate realm:
// models as objects, errors of the exported classes, jest.spyOn on services.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const jest = createRequire(import.meta.url).resolve('jest/bin/jest')
const root = fileURLToPath(new URL('..', import.meta.url))

test('the Jest suite passes under Jest', () => {
  const env = { ...process.env }
  delete env.ONESPAN_LOG
  const r = spawnSync(process.execPath, [jest, '--config', 'jest/jest.config.js', '--ci', '--json'], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  })
  let report
  try {
    report = JSON.parse(r.stdout)
  } catch {
    assert.fail(`jest printed no report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`)
  }
  assert.equal(r.status, 0, r.stderr)
  assert.equal(report.success, true, r.stderr)
  assert.equal(report.numFailedTests, 0, r.stderr)
  assert.ok(report.numPassedTests >= 5, `only ${report.numPassedTests} Jest tests ran`)
})
