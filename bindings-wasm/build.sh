#!/usr/bin/env bash
# Builds bindings-wasm/pkg/ (gitignored): the core's webhook path for wasm32-unknown-unknown
# (profile `wasm` of Cargo.toml), its JS glue from wasm-bindgen (`--target web`, with no
# default URL to fetch the .wasm from), optimised by wasm-opt (the binaryen npm package),
# and pkg/wasm-inline.js, the same bytes as base64 for the default entry (index.js).
# WASM_BINDGEN: the wasm-bindgen CLI of the crate's exact version (the Makefile installs it).
set -euo pipefail
cd "$(dirname "$0")"
target_dir=${CARGO_TARGET_DIR:-$PWD/../target}
: "${WASM_BINDGEN:=wasm-bindgen}"

cargo build --locked -q -p onespan-sign-wasm --target wasm32-unknown-unknown --profile wasm
rm -rf pkg
"$WASM_BINDGEN" --target web --omit-default-module-path --no-typescript --out-dir pkg \
  "$target_dir/wasm32-unknown-unknown/wasm/onespan_sign_webhooks.wasm"
wasm=pkg/onespan_sign_webhooks_bg.wasm
before=$(stat -c %s "$wasm")
# The features rustc enables by default for wasm32-unknown-unknown (every current engine has
# them); wasm-opt must be told, or it refuses the module.
node_modules/.bin/wasm-opt -O3 --strip-debug --strip-producers \
  --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$wasm" -o "$wasm"
node write-inline.mjs "$wasm" pkg/wasm-inline.js
echo "bindings-wasm: $wasm $before bytes, $(stat -c %s "$wasm") after wasm-opt -O3"
