#!/usr/bin/env bash
# `make dist` (every Linux target) and `make test-dist` (the host's only): release artifacts
# into dist/ —
#   Python: one abi3 wheel per target (manylinux2014 = glibc 2.17 for gnu, musllinux_1_2 for
#           musl), built by maturin, and the sdist;
#   Node:   the main `onespan-sign` tarball (optionalDependencies on the platform packages) and
#           one `onespan-sign-<platform>` tarball per target, in napi's per-platform layout
#           (`napi create-npm-dirs`, `napi artifacts`), addons built by `napi build`.
# Both link with zig, glibc pinned to 2.17 for gnu targets (scripts/dist/zig_env.sh).
# Then scripts/dist/check_artifacts.py checks every artifact (tags, ELF headers, glibc floor,
# stripped, size, auditwheel).
#
# usage: scripts/dist/build.sh all|host
# Both Python and Node builds of a target share target/<triple>/<profile> and one environment,
# so the dependencies compile once per target. DIST_PROFILE picks the cargo profile (default release).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
mode=${1:-all}
venv=$root/.venv-dist
profile=${DIST_PROFILE:-release}
out=$root/dist
build=$out/.build
say() { echo "[dist] $*" >&2; }
t0=$(date +%s)

host=$(rustc -vV | sed -n 's/^host: //p')
case $mode in
  # DIST_TARGETS (space-separated) builds some of them only, e.g. to run targets in parallel.
  all) read -ra targets <<<"${DIST_TARGETS:-x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl}" ;;
  host) targets=("$host") ;;
  *) echo "usage: $0 all|host" >&2; exit 2 ;;
esac
# Each build names its target; the Makefile's CARGO_BUILD_TARGET is for the dev builds.
unset CARGO_BUILD_TARGET

# 1. The release toolchain: maturin, zig (the `ziglang` wheel), cargo-zigbuild, auditwheel.
if [[ ! -f $venv/.installed || scripts/dist/requirements.txt -nt $venv/.installed ]]; then
  say "creating .venv-dist"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r scripts/dist/requirements.txt
  touch "$venv/.installed"
fi
# cargo-zigbuild finds zig as `python3 -m ziglang` of the venv's python.
export PATH=$venv/bin:$PATH
source scripts/dist/zig_env.sh
missing=()
for t in "${targets[@]}"; do
  rustup target list --installed 2>/dev/null | grep -qx "$t" || missing+=("$t")
done
if ((${#missing[@]})); then
  say "rustup target add ${missing[*]}"
  rustup target add "${missing[@]}"
fi
if [[ ! -f bindings-node/node_modules/.installed ]]; then
  (cd bindings-node && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
fi

rm -rf "$out"
mkdir -p "$build/node" "$build/logs"
# A build's output goes to dist/.build/logs/; its end is shown when it fails.
run() {
  local log=$build/logs/$1.log
  shift
  if ! "$@" >"$log" 2>&1; then
    tail -40 "$log" >&2
    say "failed: $* (whole log: $log)"
    exit 1
  fi
}

# 2. Python: the wheels and the sdist.
for t in "${targets[@]}"; do
  case $t in
    *-gnu) compat=manylinux2014 ;;
    *-musl) compat=musllinux_1_2 ;;
  esac
  zig_env "$t"
  say "maturin build --target $t --compatibility $compat"
  s=$(date +%s)
  run "wheel-$t" maturin build --locked --profile "$profile" --target "$t" \
    --compatibility "$compat" -m bindings-python/Cargo.toml -o "$out"
  say "  wheel for $t in $(($(date +%s) - s)) s"
  # 3. Node: the addon, into dist/.build/node as onespan-sign.<platform>.node.
  say "napi build --target $t"
  s=$(date +%s)
  run "addon-$t" bindings-node/node_modules/.bin/napi build --cwd bindings-node \
    --platform --profile "$profile" --target "$t" --output-dir "$build/node" \
    --no-js --dts native.d.ts
  say "  addon for $t in $(($(date +%s) - s)) s"
done
say "maturin sdist"
run sdist maturin sdist -m bindings-python/Cargo.toml -o "$out"

# 4. The npm packages, staged in dist/.build/npm and packed into dist/.
bash scripts/dist/npm_pack.sh "$build/node" "$build/npm" "$out"

# 5. Every artifact checked; the table of what was built.
"$venv/bin/python" scripts/dist/check_artifacts.py "$out" --targets "$(IFS=,; echo "${targets[*]}")"
say "done in $(($(date +%s) - t0)) s"
