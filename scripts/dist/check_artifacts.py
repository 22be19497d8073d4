"""Checks every artifact in dist/ and prints what was built, one line each.

usage: check_artifacts.py DIST_DIR [--targets T1,T2,...]

For each wheel and each npm platform package, the native library inside is checked: its ELF
header (64-bit, the machine of its tag, a shared object with no program interpreter), that it
is stripped (no .symtab, no DWARF), its C library (gnu: the highest GLIBC symbol version it
needs is at most 2.17; musl: it needs musl's libc and no GLIBC symbol at all). Wheels also
pass `auditwheel show` with the tag they carry, and hold the license and the project URLs;
the npm tarballs hold README and LICENSE, the platform ones os / cpu / libc; the main one
optionalDependencies on every platform package and the `exports` map; the sdist its build
backend and the workspace crates. Every compressed artifact is at most 5 MB. With --targets,
exactly one wheel and one npm platform package per target must be there.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from elftools.elf.dynamic import DynamicSection
from elftools.elf.elffile import ELFFile
from elftools.elf.gnuversions import GNUVerNeedSection

MAX_BYTES = 5 * 1024 * 1024
GLIBC_FLOOR = (2, 17)
MACHINES = {"x86_64": "EM_X86_64", "aarch64": "EM_AARCH64"}
NPM_ARCH = {"x64": "x86_64", "arm64": "aarch64"}
PLATFORMS = {  # napi's platform names, by Rust target
    "x86_64-unknown-linux-gnu": "linux-x64-gnu",
    "aarch64-unknown-linux-gnu": "linux-arm64-gnu",
    "x86_64-unknown-linux-musl": "linux-x64-musl",
    "aarch64-unknown-linux-musl": "linux-arm64-musl",
}

problems: List[str] = []


def fail(what: str, why: str) -> None:
    problems.append(f"{what}: {why}")


def version_str(v: Optional[Tuple[int, ...]]) -> str:
    return "none" if v is None else ".".join(map(str, v))


def check_library(what: str, data: bytes, arch: str, libc: str) -> str:
    """The ELF checks of one native library; returns its glibc floor, in words."""
    elf = ELFFile(io.BytesIO(data))
    if elf.elfclass != 64 or not elf.little_endian:
        fail(what, f"ELF{elf.elfclass}, little-endian {elf.little_endian}: want ELF64 LE")
    if elf["e_machine"] != MACHINES[arch]:
        fail(what, f"machine {elf['e_machine']}, want {MACHINES[arch]}")
    if elf["e_type"] != "ET_DYN":
        fail(what, f"type {elf['e_type']}, want a shared object (ET_DYN)")
    if any(seg["p_type"] == "PT_INTERP" for seg in elf.iter_segments()):
        fail(what, "has a program interpreter: a library must not")
    sections = [s.name for s in elf.iter_sections()]
    unstripped = [n for n in sections if n == ".symtab" or n.startswith(".debug_")]
    if unstripped:
        fail(what, f"not stripped: {', '.join(unstripped)}")
    needed: List[str] = []
    for sec in elf.iter_sections():
        if isinstance(sec, DynamicSection):
            needed += [t.needed for t in sec.iter_tags() if t.entry.d_tag == "DT_NEEDED"]
    glibc: Optional[Tuple[int, ...]] = None
    for sec in elf.iter_sections():
        if isinstance(sec, GNUVerNeedSection):
            for _verneed, auxes in sec.iter_versions():
                for aux in auxes:
                    m = re.fullmatch(r"GLIBC_(\d+(?:\.\d+)*)", aux.name)
                    if m:
                        v = tuple(int(x) for x in m.group(1).split("."))
                        glibc = v if glibc is None or v > glibc else glibc
    if libc == "gnu":
        if "libc.so.6" not in needed:
            fail(what, f"does not link glibc (needs {needed})")
        if glibc is None or glibc > GLIBC_FLOOR:
            fail(what, f"needs GLIBC_{version_str(glibc)}, more than {version_str(GLIBC_FLOOR)}")
        return f"glibc {version_str(glibc)}"
    if glibc is not None:
        fail(what, f"a musl library that needs GLIBC_{version_str(glibc)}")
    if not any(n.startswith("libc.musl-") or n == "libc.so" for n in needed):
        fail(what, f"does not link musl's libc (needs {needed})")
    return "musl (no glibc)"


def size_ok(path: Path) -> int:
    n = path.stat().st_size
    if n > MAX_BYTES:
        fail(path.name, f"{n} bytes, over the 5 MB limit")
    return n


def check_wheel(path: Path, version: str) -> Tuple[str, str, str]:
    m = re.fullmatch(r"onespan_sign-([^-]+)-cp39-abi3-(.+)\.whl", path.name)
    if not m:
        fail(path.name, "not an abi3 wheel for CPython 3.9+ (cp39-abi3)")
        return ("?", "?", "?")
    if m.group(1) != version:
        fail(path.name, f"version {m.group(1)}, want {version}")
    tag = m.group(2)
    tm = re.fullmatch(r"(manylinux2014|manylinux_2_17|musllinux_1_2)_(x86_64|aarch64)(?:\..*)?", tag)
    if not tm:
        fail(path.name, f"platform tag {tag}: want manylinux2014 / musllinux_1_2")
        return (tag, "?", "?")
    libc = "musl" if tm.group(1).startswith("musl") else "gnu"
    arch = tm.group(2)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        libs = [n for n in names if n.endswith(".so")]
        if len(libs) != 1:
            fail(path.name, f"{len(libs)} native libraries: {libs}")
            return (tag, "?", "?")
        floor = check_library(f"{path.name}:{libs[0]}", z.read(libs[0]), arch, libc)
        meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = z.read(meta).decode()
        if not any(n.endswith(".dist-info/licenses/LICENSE") for n in names):
            fail(path.name, "no LICENSE in .dist-info/licenses/")
        for field in ("License-Expression: Apache-2.0", "Project-URL: Repository,"):
            if field not in metadata:
                fail(path.name, f"METADATA has no '{field}'")
        if not any(n.endswith(".dist-info/entry_points.txt") for n in names):
            fail(path.name, "no entry_points.txt (the onespan-sign-emulator command)")
    show = subprocess.run(
        [sys.executable, "-m", "auditwheel", "show", str(path)], capture_output=True, text=True
    )
    want = {"gnu": f"manylinux_2_17_{arch}", "musl": f"musllinux_1_2_{arch}"}[libc]
    words = " ".join(show.stdout.split())
    if libc == "musl" and show.returncode != 0 and "ELFError" in show.stderr:
        # zig links musl libraries with DT_NEEDED "libc.so", which musl's loader takes as
        # itself; on a glibc host auditwheel resolves that name to glibc's libc.so linker
        # script and crashes. The musllinux_1_2 policy was applied by maturin when it built
        # the wheel (--compatibility), and check_library above holds the musl facts.
        return (tag, arch, floor + "; auditwheel show: n/a on a glibc host")
    if show.returncode != 0 or f'"{want}"' not in words:
        fail(path.name, f"auditwheel show does not say {want}: {words or show.stderr.strip()}")
    return (tag, arch, floor)


def read_tgz(path: Path) -> Dict[str, bytes]:
    with tarfile.open(path) as t:
        return {
            m.name: t.extractfile(m).read()  # type: ignore[union-attr]
            for m in t.getmembers()
            if m.isfile()
        }


def check_npm(path: Path, version: str) -> Tuple[str, str, str, Optional[str]]:
    files = read_tgz(path)
    for need in ("package/README.md", "package/LICENSE", "package/package.json"):
        if need not in files:
            fail(path.name, f"has no {need}")
    pkg = json.loads(files.get("package/package.json", b"{}"))
    if pkg.get("version") != version:
        fail(path.name, f"version {pkg.get('version')}, want {version}")
    nodes = [n for n in files if n.endswith(".node")]
    if pkg.get("name") == "onespan-sign":
        if nodes:
            fail(path.name, f"the main package holds addons: {nodes}")
        optional = pkg.get("optionalDependencies", {})
        want = {f"onespan-sign-{p}": version for p in PLATFORMS.values()}
        if optional != want:
            fail(path.name, f"optionalDependencies {optional}, want {want}")
        exports = pkg.get("exports", {})
        for sub in (".", "./express"):
            entry = exports.get(sub, {})
            if not (entry.get("types") and entry.get("default")):
                fail(path.name, f"exports['{sub}'] lacks types or default: {entry}")
            for target in entry.values():
                if f"package/{target[2:]}" not in files:
                    fail(path.name, f"exports['{sub}'] names {target}, not in the tarball")
        return ("onespan-sign", "main", "-", None)
    platform = pkg["name"].removeprefix("onespan-sign-")
    _, cpu, libc = platform.split("-")
    want_fields = {"os": ["linux"], "cpu": [cpu], "libc": ["glibc" if libc == "gnu" else "musl"]}
    for field, value in want_fields.items():
        if pkg.get(field) != value:
            fail(path.name, f"{field} {pkg.get(field)}, want {value}")
    if len(nodes) != 1:
        fail(path.name, f"{len(nodes)} addons: {nodes}")
        return (pkg["name"], "?", "?", platform)
    floor = check_library(f"{path.name}:{nodes[0]}", files[nodes[0]], NPM_ARCH[cpu], libc)
    fields = f"os linux, cpu {cpu}, libc {want_fields['libc'][0]}"
    return (pkg["name"], fields, floor, platform)


def check_sdist(path: Path) -> None:
    with tarfile.open(path) as t:
        names = t.getnames()
    root = names[0].split("/")[0]
    for need in ("pyproject.toml", "PKG-INFO", "LICENSE", "Cargo.lock"):
        if f"{root}/{need}" not in names and not any(n.endswith("/" + need) for n in names):
            fail(path.name, f"has no {need}")
    for part in ("build_backend/onespan_sign_build.py", "core/src/lib.rs", "emulator/src/lib.rs"):
        if not any(n.endswith(part) for n in names):
            fail(path.name, f"has no {part}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dist", type=Path)
    ap.add_argument("--targets", help="comma-separated Rust targets that must all be there")
    args = ap.parse_args()
    version = json.loads(Path("bindings-node/package.json").read_text())["version"]
    rows: List[Tuple[str, str, str, str]] = []
    wheel_tags: List[str] = []
    platforms: List[str] = []
    for path in sorted(args.dist.iterdir()):
        if path.is_dir():
            continue
        n = size_ok(path)
        size = f"{n / 1024 / 1024:.2f} MB"
        if path.suffix == ".whl":
            tag, _arch, floor = check_wheel(path, version)
            wheel_tags.append(tag)
            rows.append((path.name, size, f"cp39-abi3-{tag}", floor))
        elif path.name.endswith(".tar.gz"):
            if path.name != f"onespan_sign-{version}.tar.gz":
                fail(path.name, f"want onespan_sign-{version}.tar.gz")
            check_sdist(path)
            rows.append((path.name, size, "sdist (builds with Rust 1.88+ and Python 3.9+)", "-"))
        elif path.suffix == ".tgz":
            _name, fields, floor, platform = check_npm(path, version)
            if platform:
                platforms.append(platform)
            rows.append((path.name, size, fields, floor))
        else:
            fail(path.name, "unexpected file in dist/")
    if args.targets:
        targets = args.targets.split(",")
        for t in targets:
            arch, _, _, abi = t.split("-")
            tag = f"{'manylinux2014' if abi == 'gnu' else 'musllinux_1_2'}_{arch}"
            if sum(w.startswith(tag) for w in wheel_tags) != 1:
                fail("dist/", f"want one {tag} wheel, have {wheel_tags}")
            if platforms.count(PLATFORMS[t]) != 1:
                fail("dist/", f"want one onespan-sign-{PLATFORMS[t]} tarball, have {platforms}")
        if len(wheel_tags) != len(targets) or len(platforms) != len(targets):
            fail("dist/", f"{len(wheel_tags)} wheels and {len(platforms)} platform tarballs for {len(targets)} targets")
        if not any(r[0].endswith(".tar.gz") for r in rows):
            fail("dist/", "no sdist")
        if not any(r[0] == f"onespan-sign-{version}.tgz" for r in rows):
            fail("dist/", "no main npm tarball")
    width = max(len(r[0]) for r in rows) if rows else 0
    for name, size, what, floor in rows:
        print(f"{name:<{width}}  {size:>8}  {what}  [{floor}]")
    for p in problems:
        print(f"FAIL {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
