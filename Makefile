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

test: check test-rust test-python test-node test-readme test-conformance test-dist

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
test-readme: python node
	$(PY) scripts/readme_blocks.py

# OneSpan's official Java SDK (from Maven Central) drives the emulator.
test-conformance:
	cargo build --locked -p onespan-sign-emulator
	EMULATOR_BIN=$(or $(CARGO_TARGET_DIR),$(CURDIR)/target)/$(CARGO_BUILD_TARGET)/debug/onespan-sign-emulator \
		bash tests/conformance-java/run.sh

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
