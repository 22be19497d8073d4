'use strict'
// Loads the native addon through napi's generated loader (native.js, never edited by hand).
// Where no addon exists for this machine, napi's loader blames an npm bug; this says instead
// which platform this is, which ones have prebuilt addons, and how to build from source.

// The platforms `make dist` builds a package for (napi.targets in package.json), as napi
// names them; scripts/dist/check_versions.py holds this list to napi.targets.
const SUPPORTED = ['linux-x64-gnu', 'linux-arm64-gnu', 'linux-x64-musl', 'linux-arm64-musl']

/** This machine as napi names platforms: `linux-x64-gnu`, `linux-arm64-musl`, `darwin-arm64`. */
function thisPlatform() {
  const name = `${process.platform}-${process.arch}`
  if (process.platform !== 'linux') return name
  // Node's report tells the glibc it runs on; musl reports none.
  let glibc
  try {
    process.report.excludeNetwork = true
    glibc = process.report.getReport().header.glibcVersionRuntime
  } catch {
    glibc = undefined
  }
  return `${name}-${glibc ? 'gnu' : 'musl'}`
}

function noAddon(cause) {
  const platform = thisPlatform()
  const listed = SUPPORTED.includes(platform)
  const why = listed
    ? `its package onespan-sign-${platform} is not installed (was the install run with ` +
      `--omit=optional or --no-optional, or copied from another machine?): install onespan-sign again on this machine`
    : `no prebuilt addon exists for it`
  const error = new Error(
    `onespan-sign: no native addon for this platform (${platform}): ${why}. ` +
      `Prebuilt addons: ${SUPPORTED.join(', ')} (glibc 2.17 or later, or musl). ` +
      `To build it from source (Rust 1.88 or later): in a clone of the repository, ` +
      `\`cd bindings-node && npm ci && npm run build:release\`, then install that folder.`,
  )
  error.code = 'ERR_ONESPAN_NO_ADDON'
  error.platform = platform
  error.supported = SUPPORTED.slice()
  // What napi tried and why each failed, without napi's own "npm has a bug" guess.
  error.cause = (cause && cause.cause) || cause
  return error
}

let native
try {
  native = require('./native.js')
} catch (err) {
  // napi's two messages for "no addon loaded"; anything else (a version mismatch between the
  // main and the platform package, a broken file) is already in words worth reading.
  if (err && /^(Cannot find native binding|Failed to load native binding)/.test(err.message)) {
    throw noAddon(err)
  }
  throw err
}

module.exports = native
