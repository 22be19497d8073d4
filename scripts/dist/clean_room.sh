#!/usr/bin/env bash
# `make test-dist`, after scripts/dist/build.sh: the host's artifacts in dist/ installed as a
# user would, in a temporary folder outside the repository, with no Rust toolchain on PATH.
#   Python: a new venv installs the wheel (no index), runs examples/quickstart.py and
#           clean_room/smoke.py (the embedded emulator, the onespan-sign-emulator command).
#   Node:   a new npm project installs the main and the host's platform tarballs offline,
#           then runs CommonJS and ESM (`onespan-sign`, `onespan-sign/express`), the
#           quickstart, `npx onespan-sign-emulator`, and `tsc --strict --noEmit` (nodenext).
#           A second project with the main tarball only must fail to load with the message
#           that names the platform (no "npm has a bug").
#   sdist:  without cargo, pip says in one line that Rust is needed; with cargo, the sdist
#           builds in a new venv and imports.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
dist=$root/dist
here=$root/scripts/dist/clean_room
say() { echo "[test-dist] $*" >&2; }
t0=$(date +%s)

room=$(mktemp -d /tmp/onespan-clean-room.XXXXXX)
trap 'rm -rf "$room"' EXIT
export CLEAN_ROOM=$room
version=$(node -p 'require("./bindings-node/package.json").version')
export WANT_VERSION=$version
host=$(rustc -vV | sed -n 's/^host: //p')
arch=${host%%-*}
case $arch in x86_64) npm_arch=x64 ;; aarch64) npm_arch=arm64 ;; *) npm_arch=$arch ;; esac
export WANT_PLATFORM=linux-$npm_arch-gnu
# The system's tools only: python3, node and npm from the OS; nothing from ~/.cargo, the
# repository's venvs or node_modules.
clean_path=/usr/local/bin:/usr/bin:/bin
for tool in python3 node npm; do
  PATH=$clean_path command -v $tool >/dev/null || { say "no $tool in $clean_path"; exit 1; }
done
if PATH=$clean_path command -v cargo >/dev/null; then
  say "cargo is in $clean_path: the clean room would not be clean"
  exit 1
fi
# A user's environment: a home of its own (no npm or pip configuration, an empty npm cache).
in_room() { env -i HOME="$room/home" PATH="$clean_path" LANG=C.UTF-8 CLEAN_ROOM="$room" npm_config_update_notifier=false \
  WANT_VERSION="$version" WANT_PLATFORM="$WANT_PLATFORM" "$@"; }
mkdir -p "$room/home" "$room/app"

# --- Python: the wheel ------------------------------------------------------------------
wheel=$(ls "$dist"/onespan_sign-"$version"-cp39-abi3-manylinux*_"$arch".whl)
say "python: a new venv installs $(basename "$wheel")"
in_room python3 -m venv "$room/py"
in_room "$room/py/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
cp examples/quickstart.py "$here/smoke.py" "$room/app/"
(cd "$room/app" && in_room PATH="$room/py/bin:$clean_path" python quickstart.py) >"$room/quickstart-py.out"
grep -q "^\[python\] Ann's signature: [0-9]* bytes of PNG" "$room/quickstart-py.out" ||
  { cat "$room/quickstart-py.out"; say "python quickstart: no signature image"; exit 1; }
(cd "$room/app" && in_room PATH="$room/py/bin:$clean_path" python smoke.py)

# --- Node: the tarballs, offline ----------------------------------------------------------
main_tgz=$dist/onespan-sign-$version.tgz
platform_tgz=$dist/onespan-sign-$WANT_PLATFORM-$version.tgz
say "node: a new project installs $(basename "$main_tgz") and $(basename "$platform_tgz") offline"
mkdir -p "$room/node"
(cd "$room/node" && in_room npm init -y >/dev/null &&
  in_room npm install --offline --no-audit --no-fund --loglevel=error "$main_tgz" "$platform_tgz")
cp "$here/cjs.cjs" "$here/esm.mjs" "$here/usage.mts" "$here/tsconfig.json" examples/quickstart.mjs "$room/node/"
(cd "$room/node" && in_room node cjs.cjs && in_room node esm.mjs)
(cd "$room/node" && in_room node quickstart.mjs) >"$room/quickstart-node.out"
grep -q "^\[node\] Ann's signature: [0-9]* bytes of PNG" "$room/quickstart-node.out" ||
  { cat "$room/quickstart-node.out"; say "node quickstart: no signature image"; exit 1; }
# The package's bin: npx finds it (`--help` answers the usage), and the command npx runs
# (node_modules/.bin/onespan-sign-emulator) serves and stops with 0 on SIGTERM. (npx itself
# is not signalled: npm exits by the signal it gets, whatever its child does.)
(cd "$room/node" && in_room npx --offline onespan-sign-emulator --help) | grep -q "^usage: onespan-sign-emulator" ||
  { say "npx onespan-sign-emulator --help: no usage"; exit 1; }
(cd "$room/node" && in_room node -e '
  const { spawn } = require("node:child_process")
  const child = spawn("node_modules/.bin/onespan-sign-emulator", ["--api-key", "room-key"], { stdio: ["ignore", "pipe", "inherit"] })
  let out = ""
  child.stdout.on("data", (d) => {
    out += d
    if (!out.includes("\n")) return
    const line = JSON.parse(out.split("\n")[0])
    if (line.apiKey !== "room-key") { console.error("wrong line", line); process.exit(1) }
    child.kill("SIGTERM")
  })
  child.on("exit", (code, signal) => {
    if (code !== 0) { console.error(`onespan-sign-emulator: exit ${code} ${signal}`); process.exit(1) }
    console.log("clean room (node, onespan-sign-emulator): ok")
  })
')
# TypeScript: the repository's tsc and @types/node (nothing from the registry), over the
# installed package as a strict nodenext project resolves it.
tsc=$root/bindings-node/node_modules/typescript/bin/tsc
[[ -f $tsc ]] || { say "no $tsc: run make node first"; exit 1; }
mkdir -p "$room/node/node_modules/@types"
cp -r "$root/bindings-node/node_modules/@types/node" "$room/node/node_modules/@types/"
cp -r "$root/bindings-node/node_modules/undici-types" "$room/node/node_modules/" 2>/dev/null || true
(cd "$room/node" && in_room node "$tsc" -p tsconfig.json)
say "node: tsc --strict --noEmit (nodenext) ok"

# No addon for this machine: the main tarball alone.
mkdir -p "$room/bare"
(cd "$room/bare" && in_room npm init -y >/dev/null &&
  in_room npm install --offline --no-audit --no-fund --loglevel=error --omit=optional "$main_tgz")
if (cd "$room/bare" && in_room node -e 'require("onespan-sign")') 2>"$room/bare.err"; then
  say "node: loaded with no platform package installed"
  exit 1
fi
grep -q "no native addon for this platform ($WANT_PLATFORM): its package onespan-sign-$WANT_PLATFORM is not installed" "$room/bare.err" &&
  grep -q "build it from source" "$room/bare.err" && ! grep -q "npm has a bug" "$room/bare.err" ||
  { cat "$room/bare.err"; say "node: not the message for a missing addon"; exit 1; }
say "node: without its platform package, the load error names $WANT_PLATFORM"

# --- a debug addon is never packed ---------------------------------------------------------
# The dev build `make node` leaves in bindings-node/ (debug, unstripped): the main package's
# `files` leave it out, and a platform package holding it refuses `npm pack`.
debug_addon=$(ls bindings-node/onespan-sign.*.node 2>/dev/null | head -1 || true)
[[ -n $debug_addon ]] || { say "no dev addon in bindings-node/: run make node first"; exit 1; }
if (cd bindings-node && npm pack --dry-run --json --ignore-scripts 2>/dev/null) | grep -q '\.node"'; then
  say "npm pack of bindings-node would ship an addon"
  exit 1
fi
staged=$dist/.build/npm/onespan-sign/npm/$WANT_PLATFORM
mkdir -p "$room/debug-pack"
cp -r "$staged/." "$room/debug-pack/"
cp "$debug_addon" "$room/debug-pack/$(basename "$debug_addon")"
if (cd "$room/debug-pack" && npm pack --pack-destination "$room" >/dev/null 2>"$room/debug-pack.err"); then
  say "npm pack took a debug addon"
  exit 1
fi
grep -q "prepack: refusing to pack .*not a stripped release build" "$room/debug-pack.err" ||
  { cat "$room/debug-pack.err"; say "npm pack failed, but not for the debug addon"; exit 1; }
say "npm pack: the debug addon is refused, the main package ships none"

# --- the sdist ----------------------------------------------------------------------------
sdist=$dist/onespan_sign-$version.tar.gz
say "sdist: without cargo, the build says Rust is missing"
in_room python3 -m venv "$room/sdist-norust"
# pip fetches the build requirements (maturin) from the index; its cache is the user's.
if in_room PIP_CACHE_DIR="${PIP_CACHE_DIR:-$HOME/.cache/pip}" "$room/sdist-norust/bin/pip" install \
  --disable-pip-version-check "$sdist" >"$room/norust.out" 2>&1; then
  say "sdist: installed without Rust?"
  exit 1
fi
grep -q "onespan-sign: building from source needs Rust (cargo 1.88 or later) on PATH" "$room/norust.out" ||
  { cat "$room/norust.out"; say "sdist: no one-line message about Rust"; exit 1; }

say "sdist: with cargo, it builds in a new venv and imports"
python3 -m venv "$room/sdist"
# Dev profile, in the repository's target dir and target triple (as `make python` builds), so
# the dependencies already compiled there are reused and only the sdist's own crates compile:
# what is tested is that the sdist holds all it needs to build. SDIST_PEP517_ARGS= (empty)
# builds it as pip would by default, with the release profile.
cargo_bin=$(dirname "$(command -v cargo)")
(cd "$room" && env -i HOME="$HOME" PATH="$cargo_bin:$clean_path" LANG=C.UTF-8 \
  RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" \
  CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}" CARGO_BUILD_TARGET="$host" MATURIN_PEP517_ARGS="${SDIST_PEP517_ARGS---profile dev}" \
  "$room/sdist/bin/pip" install --quiet --disable-pip-version-check "$sdist")
(cd "$room" && in_room "$room/sdist/bin/python" -c '
import onespan_sign, os, sys
from onespan_sign.testing import Emulator
assert onespan_sign.__file__.startswith(os.environ["CLEAN_ROOM"]), onespan_sign.__file__
assert onespan_sign.__version__ == os.environ["WANT_VERSION"]
with Emulator() as emu:
    assert emu.base_url.startswith("http://127.0.0.1:")
print("clean room (sdist): built and imported", onespan_sign.__version__)
')
say "all clean-room tests passed in $(($(date +%s) - t0)) s"
