"""One version for everything: the Cargo workspace, every crate, Cargo.lock, the Python
package (maturin takes it from Cargo: `dynamic = ["version"]`), bindings-node's package.json
and package-lock.json. Also: the platforms bindings-node/loader.js names are napi.targets.

Run by `make check`; exits 1 naming each mismatch.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

root = Path(__file__).resolve().parents[2]
problems: list[str] = []


def toml(path: str) -> dict:
    return tomllib.loads((root / path).read_text())


def same(what: str, got: object, want: str) -> None:
    if got != want:
        problems.append(f"{what} is {got!r}, the workspace's is {want!r}")


cargo = toml("Cargo.toml")
version = cargo["workspace"]["package"]["version"]
for name, dep in cargo["workspace"]["dependencies"].items():
    if isinstance(dep, dict) and "path" in dep:
        same(f"Cargo.toml [workspace.dependencies] {name}", dep.get("version"), version)
for member in cargo["workspace"]["members"]:
    package = toml(f"{member}/Cargo.toml")["package"]
    v = package.get("version")
    if v != {"workspace": True}:
        same(f"{member}/Cargo.toml version", v, version)
members = {toml(f"{m}/Cargo.toml")["package"]["name"] for m in cargo["workspace"]["members"]}
for package in toml("Cargo.lock")["package"]:
    if package["name"] in members:
        same(f"Cargo.lock {package['name']}", package["version"], version)

project = toml("bindings-python/pyproject.toml")["project"]
if "version" in project or "version" not in project.get("dynamic", []):
    problems.append("bindings-python/pyproject.toml must take its version from Cargo (dynamic)")

pkg = json.loads((root / "bindings-node/package.json").read_text())
same("bindings-node/package.json version", pkg["version"], version)
lock = json.loads((root / "bindings-node/package-lock.json").read_text())
same("bindings-node/package-lock.json version", lock.get("version"), version)
same('bindings-node/package-lock.json packages[""].version', lock["packages"][""].get("version"), version)


def platform(target: str) -> str:
    arch, _, os_, abi = target.split("-")
    return f"{os_}-{ {'x86_64': 'x64', 'aarch64': 'arm64'}[arch] }-{abi}"


loader = (root / "bindings-node/loader.js").read_text()
m = re.search(r"const SUPPORTED = \[([^\]]*)\]", loader)
named = re.findall(r"'([^']+)'", m.group(1)) if m else []
targets = [platform(t) for t in pkg["napi"]["targets"]]
if named != targets:
    problems.append(f"bindings-node/loader.js SUPPORTED is {named}, napi.targets make {targets}")

for p in problems:
    print(f"version check: {p}", file=sys.stderr)
if not problems:
    print(f"version check: {version} everywhere")
sys.exit(1 if problems else 0)
