# Two commands do all set-up on a fresh machine:
#   make demo   build everything, run the Python and Node quickstarts
#   make test   the Rust, Python and Node suites, all against the emulator
# Every build here is the dev profile in one target/ dir, so cargo test, maturin and the
# napi CLI compile the shared dependencies once (features are pinned in Cargo.toml).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# The napi CLI always passes --target <host>, which puts its build in target/<host>/. Giving
# cargo test and maturin the same target makes all three share one set of artifacts.
export CARGO_BUILD_TARGET ?= $(shell rustc -vV | sed -n 's/^host: //p')
VENV ?= .venv
PY := $(VENV)/bin/python
NODE_DIR := bindings-node

.PHONY: demo test check codegen test-rust test-python test-node test-conformance python node lint fmt bench clean

demo: python node
	PY=$(PY) bash scripts/demo.sh

test: check test-rust test-python test-node test-c test-go test-wasm test-readme test-conformance test-dist

# What CI will not forgive: format, clippy, the generated files against the core's
# definitions, and the Python stubs against the compiled module. (The TypeScript
# declarations and the mypy typo check run as tests of their own suites.)
check: lint python
	cargo run --locked -q -p onespan-sign-codegen -- --check
	python3 scripts/dist/check_versions.py
	cd bindings-python && ../$(PY) -m mypy.stubtest onespan_sign --allowlist stubtest-allowlist.txt

# Writes the bindings' generated files (Python models, errors, stubs; TypeScript types;
# JS errors and enums) from the core's one definition.
codegen:
	cargo run --locked -q -p onespan-sign-codegen

test-rust:
	cargo test --locked

test-python: python
	cd bindings-python && ../$(PY) -m pytest -q --timeout 120

test-node: node
	cd $(NODE_DIR) && node --test test/

# Every Python and JavaScript block of README.md, run as written (each in its own process,
# ONESPAN_* unset, so they use the embedded emulator); see scripts/readme_blocks.py.
.PHONY: test-readme
test-readme: python node wasm
	$(PY) scripts/readme_blocks.py

# OneSpan's official Java SDK (from Maven Central) drives the emulator.
test-conformance:
	cargo build --locked -p onespan-sign-emulator
	EMULATOR_BIN=$(or $(CARGO_TARGET_DIR),$(CURDIR)/target)/$(CARGO_BUILD_TARGET)/debug/onespan-sign-emulator \
		bash tests/conformance-java/run.sh

# --- webhook verification from C, Go and WebAssembly (bindings-c, -go, -wasm) --------------

DEBUG_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)/$(CARGO_BUILD_TARGET)/debug
C_TEST_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)/c-test

.PHONY: c test-c test-go wasm test-wasm
# libonespan_sign.a and .so (dev profile; the header is bindings-c/include/onespan_sign.h,
# written by `make codegen`).
c:
	cargo build --locked -p onespan-sign-c

# The C program over every shared vector, under valgrind: any leak or memory error fails.
test-c: c
	command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }
	mkdir -p $(C_TEST_DIR)
	cc -std=c11 -Wall -Wextra -Werror -Ibindings-c/include bindings-c/tests/vectors.c \
		-L$(DEBUG_DIR) -Wl,-Bstatic -lonespan_sign -Wl,-Bdynamic -lm -ldl -lpthread \
		-o $(C_TEST_DIR)/vectors
	python3 bindings-c/tests/flatten_vectors.py tests/vectors/webhooks > $(C_TEST_DIR)/vectors.bin
	valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=all \
		--show-leak-kinds=all $(C_TEST_DIR)/vectors $(C_TEST_DIR)/vectors.bin

# cgo links the static library from the dev build. Go from PATH, else where its tarball installs.
GO ?= $(shell command -v go || echo /usr/local/go/bin/go)
GOFMT ?= $(dir $(GO))gofmt
test-go: c
	@unformatted=$$($(GOFMT) -l bindings-go bench/go); test -z "$$unformatted" || { echo "gofmt: $$unformatted"; exit 1; }
	cd bindings-go && CGO_LDFLAGS=-L$(DEBUG_DIR) $(GO) vet ./...
	cd bindings-go && CGO_LDFLAGS=-L$(DEBUG_DIR) $(GO) test -count=1 ./...

# The wasm-bindgen CLI must be the wasm-bindgen crate's exact version (read from Cargo.lock).
# It is built from crates.io into $(TOOLS)/ (default .tools/, gitignored) once per version:
# about 6 CPU-minutes, so a machine that runs CI in fresh clones may set TOOLS to a folder
# outside them. Not --locked: the
# registry here lacks a version its lockfile pins (webpki-roots 1.0.11).
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
TOOLS ?= $(CURDIR)/.tools
WASM_BINDGEN := $(TOOLS)/wasm-bindgen-$(WASM_BINDGEN_VERSION)/bin/wasm-bindgen

$(WASM_BINDGEN):
	cargo install -q wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) \
		--root $(TOOLS)/wasm-bindgen-$(WASM_BINDGEN_VERSION)

bindings-wasm/node_modules/.installed: bindings-wasm/package-lock.json
	cd bindings-wasm && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# bindings-wasm/pkg/: the release wasm (profile `wasm`), its glue, wasm-opt, the inline copy.
wasm: $(WASM_BINDGEN) bindings-wasm/node_modules/.installed
	rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target list --installed | grep -qx wasm32-unknown-unknown
	WASM_BINDGEN=$(WASM_BINDGEN) bash bindings-wasm/build.sh

test-wasm: wasm
	cd bindings-wasm && node --test test/

# --- set-up -------------------------------------------------------------------------

$(VENV)/.installed: bindings-python/requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r $<
	touch $@

python: $(VENV)/.installed
	VIRTUAL_ENV=$(CURDIR)/$(VENV) $(VENV)/bin/maturin develop --quiet --locked -m bindings-python/Cargo.toml

$(NODE_DIR)/node_modules/.installed: $(NODE_DIR)/package-lock.json
	cd $(NODE_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Examples and users' code import 'onespan-sign' by name: a root node_modules link gives
# them the package as an install would.
node: $(NODE_DIR)/node_modules/.installed
	cd $(NODE_DIR) && npx napi build --platform --js native.js --dts native.d.ts
	mkdir -p node_modules && ln -sfn ../$(NODE_DIR) node_modules/onespan-sign

# --- distribution ---------------------------------------------------------------------

.PHONY: dist test-dist

# Every Linux wheel (manylinux2014 and musllinux_1_2, x86_64 and aarch64), the sdist and the
# five npm tarballs, into dist/, with the release profile; cross builds link with zig
# (scripts/dist/requirements.txt, installed into .venv-dist). By hand: CI runs test-dist.
dist: $(NODE_DIR)/node_modules/.installed
	bash scripts/dist/build.sh all

# The host's wheel, sdist and npm tarballs (the release profile, as make dist), then the
# clean-room install tests (scripts/dist/clean_room.sh).
DIST_TEST_PROFILE ?= release
test-dist: $(NODE_DIR)/node_modules/.installed
	DIST_PROFILE=$(DIST_TEST_PROFILE) bash scripts/dist/build.sh host
	bash scripts/dist/clean_room.sh

# --- benchmarks -----------------------------------------------------------------------

# Release builds (bench/.venv, bench/.build; nothing `make test` uses is touched), then every
# benchmark against a release emulator on loopback; the table goes to bench/README.md.
bench: $(NODE_DIR)/node_modules/.installed
	bash bench/bench.sh

# --- development --------------------------------------------------------------------

lint:
	cargo fmt --all --check
	cargo clippy --locked --workspace --all-targets -- -D warnings

fmt:
	cargo fmt --all

clean:
	cargo clean
	rm -rf $(VENV) node_modules $(NODE_DIR)/node_modules $(NODE_DIR)/*.node .venv-dist dist
