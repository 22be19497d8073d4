#!/usr/bin/env bash
# The npm packages in napi's per-platform layout, packed into tarballs:
#   onespan-sign-<version>.tgz                    the JavaScript, the types, the loader;
#                                                 optionalDependencies on every platform package
#   onespan-sign-linux-x64-gnu-<version>.tgz ...  one addon each, with os / cpu / libc
# Each with the README and the LICENSE.
#
# usage: scripts/dist/npm_pack.sh ADDONS_DIR STAGE_DIR OUT_DIR
# ADDONS_DIR holds the release addons as `napi build --platform` names them
# (onespan-sign.linux-x64-gnu.node); a platform with no addon there gets no tarball.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
addons=$(realpath "$1")
stage=$(realpath -m "$2")
out=$(realpath "$3")
napi=$root/bindings-node/node_modules/.bin/napi
say() { echo "[dist] $*" >&2; }

rm -rf "$stage"
mkdir -p "$stage/onespan-sign"

# The main package: what `npm pack` takes from bindings-node (its `files`, which hold no
# addon), plus the README and the LICENSE of the repository.
main=$stage/onespan-sign
(cd bindings-node && npm pack --dry-run --json --ignore-scripts 2>/dev/null) |
  node -e '
    const files = JSON.parse(require("fs").readFileSync(0, "utf8"))[0].files.map((f) => f.path)
    process.stdout.write(files.join("\n") + "\n")' |
  while read -r f; do
    mkdir -p "$main/$(dirname "$f")"
    cp -p "bindings-node/$f" "$main/$f"
  done
cp README.md LICENSE "$main/"

# The platform packages: napi writes their package.json (name, os, cpu, libc, version, files)
# and README, and copies each addon into its package. (napi keeps them inside the package it
# runs in: the staged main package, whose `files` leave them out.)
npm_dir=$main/npm
"$napi" create-npm-dirs --cwd "$main" --npm-dir npm >/dev/null

# optionalDependencies on every platform package of napi.targets (the same version: npm
# installs the one whose os / cpu / libc match the machine), as `napi pre-publish` sets them.
node -e '
  const fs = require("fs")
  const [file, npmDir] = process.argv.slice(1)
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"))
  pkg.optionalDependencies = {}
  for (const dir of fs.readdirSync(npmDir).sort()) {
    const p = JSON.parse(fs.readFileSync(`${npmDir}/${dir}/package.json`, "utf8"))
    pkg.optionalDependencies[p.name] = pkg.version
  }
  // Building is the repository'"'"'s business: the published package runs nothing on install.
  delete pkg.scripts
  delete pkg.devDependencies
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n")
' "$main/package.json" "$npm_dir"

# `napi artifacts` wants an addon for every target it is told of: tell it of those built here
# (all four for `make dist`, the host's for `make test-dist`).
node -e '
  const fs = require("fs")
  const [file, addons] = process.argv.slice(1)
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"))
  fs.writeFileSync(`${file}.all`, JSON.stringify(pkg, null, 2) + "\n")
  const platform = (t) => { const [arch, , os, abi] = t.split("-"); return `${os}-${{ x86_64: "x64", aarch64: "arm64" }[arch]}-${abi}` }
  pkg.napi.targets = pkg.napi.targets.filter((t) => fs.existsSync(`${addons}/${pkg.napi.binaryName}.${platform(t)}.node`))
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n")
' "$main/package.json" "$addons"
"$napi" artifacts --cwd "$main" --output-dir "$addons" --npm-dir npm >/dev/null
mv "$main/package.json.all" "$main/package.json"

(cd "$main" && npm pack --silent --pack-destination "$out" >/dev/null)
say "packed $(cd "$out" && ls onespan-sign-[0-9]*.tgz)"

for dir in "$npm_dir"/*/; do
  if ! compgen -G "$dir*.node" >/dev/null; then
    say "no addon for $(basename "$dir"): no tarball"
    continue
  fi
  cp LICENSE "$dir"
  # The guard runs at `npm pack` / `npm publish` of this folder: never a debug addon.
  cp scripts/dist/prepack_guard.js "$dir/.prepack-guard.js"
  node -e '
    const fs = require("fs")
    const file = process.argv[1]
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"))
    pkg.scripts = { prepack: "node .prepack-guard.js" }
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n")
  ' "$dir/package.json"
  (cd "$dir" && npm pack --silent --pack-destination "$out" >/dev/null)
  say "packed $(node -p 'const p = require(process.argv[1]); `${p.name}-${p.version}.tgz`' "$dir/package.json")"
done
