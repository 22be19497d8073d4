// Jest's own configuration for jest/*.jest.test.js, run by test/jest.test.mjs (so by
// `node --test test/` and `make test`). Jest's defaults otherwise: the 'node' environment,
// which runs each test file in a vm context of its own (a separate realm).
'use strict'

module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/*.jest.test.js'],
  // Plain CommonJS, as users' test suites often are: no transform needed.
  transform: {},
  watchman: false,
  cacheDirectory: require('node:path').join(require('node:os').tmpdir(), 'onespan-sign-jest-cache'),
}
