# Sourced by scripts/dist/build.sh. `zig_env TARGET` points cargo's C compiler, C++ compiler,
# archiver and linker for TARGET at zig (the `ziglang` wheel), through cargo-zigbuild's
# `zig cc` driver, with glibc pinned to 2.17 for gnu targets.
#
# Why not `maturin --zig` and `napi build -x`: each writes its own wrapper scripts (at paths
# hashed from its own executable) and exports them, so the two builds of one target differ in
# CC_<target> and the linker, and cargo compiles every dependency twice. One set of wrappers,
# exported once, gives both builds the same environment: the dependencies compile once per
# target, for the wheel and the Node addon alike.

zig_env() {
  local target=$1 zig_target
  case $target in
    x86_64-unknown-linux-gnu) zig_target=x86_64-linux-gnu.2.17 ;;
    aarch64-unknown-linux-gnu) zig_target=aarch64-linux-gnu.2.17 ;;
    x86_64-unknown-linux-musl) zig_target=x86_64-linux-musl ;;
    aarch64-unknown-linux-musl) zig_target=aarch64-linux-musl ;;
    *) echo "zig_env: no zig target for $target" >&2; return 1 ;;
  esac
  local dir=$venv/zig/$target driver=$venv/bin/cargo-zigbuild
  mkdir -p "$dir"
  printf '#!/bin/sh\nexec "%s" zig cc -- -g -fno-sanitize=all -target %s "$@"\n' "$driver" "$zig_target" >"$dir/cc"
  printf '#!/bin/sh\nexec "%s" zig c++ -- -g -fno-sanitize=all -target %s "$@"\n' "$driver" "$zig_target" >"$dir/c++"
  printf '#!/bin/sh\nexec "%s" zig ar -- "$@"\n' "$driver" >"$dir/ar"
  chmod +x "$dir/cc" "$dir/c++" "$dir/ar"
  local lower=${target//-/_}
  local upper=${lower^^}
  export "CC_$lower=$dir/cc" "CXX_$lower=$dir/c++" "AR_$lower=$dir/ar"
  export "CARGO_TARGET_${upper}_LINKER=$dir/cc"
  # A cdylib on musl links the C library dynamically (napi and maturin would each add this).
  case $target in
    *-musl) export RUSTFLAGS="-C target-feature=-crt-static" ;;
    *) unset RUSTFLAGS ;;
  esac
}
