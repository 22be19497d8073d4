#!/usr/bin/env bash
# `make bench`: release builds of everything measured, the bench venv, then bench/run.py.
#
# Nothing here touches what `make test` uses: the Python wheel goes into bench/.venv (not
# .venv), and the Node addon is built into bench/.build/node/ and loaded from there through
# NAPI_RS_NATIVE_LIBRARY_PATH, so bindings-node/onespan-sign.*.node (the debug build that
# `make test` loads) is left as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$(date +%s)
: "${CARGO_BUILD_TARGET:=$(rustc -vV | sed -n 's/^host: //p')}"
export CARGO_BUILD_TARGET
release=target/$CARGO_BUILD_TARGET/release
venv=bench/.venv
build=bench/.build
mkdir -p "$build"
say() { echo "[bench] $*" >&2; }

# 1. The bench venv: the baselines (requests, httpx) and maturin, pinned.
if [[ ! -f $venv/.installed || bench/requirements.txt -nt $venv/.installed ]]; then
  say "creating $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r bench/requirements.txt
  touch "$venv/.installed"
fi

# 2. Release builds (profile.release of the workspace: thin LTO), one after the other: they
#    share target/$CARGO_BUILD_TARGET/release, so the dependencies compile once.
say "cargo build --release: emulator and Rust benches"
cargo build --release --locked -p onespan-sign-emulator -p onespan-sign-bench

say "maturin build --release: the Python wheel"
rm -f "$build"/wheels/onespan_sign-*.whl
VIRTUAL_ENV=$PWD/$venv "$venv/bin/maturin" build --release --locked --quiet \
  -m bindings-python/Cargo.toml -o "$build/wheels" -i "$venv/bin/python"
wheel=$(ls "$build"/wheels/onespan_sign-*.whl)
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"

say "napi build --release: the Node addon, into $build/node (bindings-node/ is not touched)"
(cd bindings-node && npx --no-install napi build --platform --release \
  --output-dir "../$build/node" --no-js --dts native.d.ts >/dev/null)
addon=$(ls "$PWD/$build"/node/onespan-sign.*.node)
# `require('onespan-sign')` from bench/node/ resolves to bindings-node/, as an install would.
mkdir -p bench/node/node_modules
ln -sfn ../../../bindings-node bench/node/node_modules/onespan-sign

say "the C ABI (release libonespan_sign.a), its C bench, the Go bench, the wasm package"
cargo build --release --locked -p onespan-sign-c
cc -O2 -std=c11 -Ibindings-c/include bench/c/webhook_bench.c -L"$release" \
  -Wl,-Bstatic -lonespan_sign -Wl,-Bdynamic -lm -ldl -lpthread -o "$build/c-webhook-bench"
(cd bench/go && CGO_LDFLAGS="-L$PWD/../../$release" go build -o "../../$build/go-webhook-bench" .)
make -s wasm >/dev/null

say "builds done in $(( $(date +%s) - t0 )) s; measuring"
BENCH_T0=$t0 "$venv/bin/python" bench/run.py \
  --emulator "$release/onespan-sign-emulator" \
  --bench-bin "$release/onespan-sign-bench" \
  --node-addon "$addon" --c-bench "$build/c-webhook-bench" \
  --go-bench "$build/go-webhook-bench" "$@"
say "make bench took $(( $(date +%s) - t0 )) s in all"
