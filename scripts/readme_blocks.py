#!/usr/bin/env python3
"""Runs every Python and JavaScript code block of README.md, so that the README's code works
as written.

    python3 scripts/readme_blocks.py [README.md] [--python PY] [--node NODE] [--timeout S] [-v]

Blocks fenced as ```python run with the virtualenv's Python (``.venv/bin/python`` unless
``--python`` says otherwise); blocks fenced as ```js or ```javascript run with ``node``: as CommonJS
(``.cjs``) when they use ``require(...)`` and no ``import``, else as ES modules (``.mjs``). Other blocks (sh, rust, plain text) are not run. Each block runs on its
own, from the repository root, in a fresh process with a timeout, against the emulator
compiled into the packages: the ONESPAN_* variables are removed from its environment, so a
block that falls back to the emulator when they are unset always does here.

JavaScript blocks import packages by name, as a user's project would: they run from a
scratch directory whose node_modules holds ``onespan-sign`` (this repository's
bindings-node), ``onespan-sign-webhooks`` (bindings-wasm) and the packages installed in bindings-node/node_modules (express, ...).

A block preceded by ``<!-- not run: REASON -->`` (blank lines between allowed) is skipped and
reported as such; use it only for code that cannot run here (e.g. it needs a real account).

One line per block, then ``N passed, M failed`` (``, K skipped`` when some were). Exit
status 1 when a block failed, or when no block ran (none found, or all marked not run).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = {"python": "python", "py": "python", "js": "js", "javascript": "js", "mjs": "js"}
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
NOT_RUN = re.compile(r"^\s*<!--\s*not run:\s*(?P<reason>.*?)\s*-->\s*$")


@dataclass
class Block:
    line: int  # 1-based line of the opening fence
    language: str  # "python" or "js"
    code: str
    skip_reason: Optional[str]


def extract(text: str) -> List[Block]:
    """The README's Python and JavaScript blocks, in order."""
    lines = text.splitlines()
    blocks: List[Block] = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, info = m.group("fence"), m.group("info").strip()
        start = i
        body: List[str] = []
        i += 1
        while i < len(lines):
            close = FENCE.match(lines[i])
            if close and close.group("fence")[0] == fence[0] and len(close.group("fence")) >= len(fence) \
                    and not close.group("info").strip():
                break
            body.append(lines[i])
            i += 1
        i += 1  # past the closing fence
        language = LANGUAGES.get(info.split()[0].lower() if info else "")
        if language is None:
            continue
        blocks.append(Block(start + 1, language, "\n".join(body) + "\n", skip_reason(lines, start)))
    return blocks


def skip_reason(lines: List[str], fence_index: int) -> Optional[str]:
    """The reason of a ``<!-- not run: ... -->`` marker just above the fence, if any."""
    j = fence_index - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    m = NOT_RUN.match(lines[j]) if j >= 0 else None
    return m.group("reason") if m else None


def node_project(scratch: Path) -> None:
    """node_modules for the JavaScript blocks, as `npm install onespan-sign express` would give."""
    modules = scratch / "node_modules"
    modules.mkdir()
    (modules / "onespan-sign").symlink_to(ROOT / "bindings-node", target_is_directory=True)
    # The WebAssembly package (bindings-wasm, built by `make wasm`).
    (modules / "onespan-sign-webhooks").symlink_to(ROOT / "bindings-wasm", target_is_directory=True)
    installed = ROOT / "bindings-node" / "node_modules"
    if installed.is_dir():
        for entry in installed.iterdir():
            if entry.name.startswith(".") or (modules / entry.name).exists():
                continue
            (modules / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())


ESM_SYNTAX = re.compile(r"^\s*(import\s|import\(|export\s)", re.MULTILINE)
REQUIRE = re.compile(r"\brequire\(")


def suffix_of(block: Block) -> str:
    if block.language == "python":
        return ".py"
    # As node would take the file in a project: CommonJS for require(), else an ES module.
    return ".cjs" if REQUIRE.search(block.code) and not ESM_SYNTAX.search(block.code) else ".mjs"


def run(block: Block, index: int, scratch: Path, args: argparse.Namespace) -> subprocess.CompletedProcess:
    suffix = suffix_of(block)
    path = scratch / f"readme_block_{index:02d}_line{block.line}{suffix}"
    path.write_text(block.code, encoding="utf-8")
    command = [args.python, str(path)] if block.language == "python" else [args.node, str(path)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONESPAN_")}
    env["PYTHONUNBUFFERED"] = "1"
    return subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=args.timeout,
        text=True,
        errors="replace",
    )


def indent(text: str, limit: int = 40) -> str:
    lines = text.rstrip().splitlines()
    if len(lines) > limit:
        lines = [f"... ({len(lines) - limit} lines before)"] + lines[-limit:]
    return "\n".join("    | " + line for line in lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("readme", nargs="?", default=str(ROOT / "README.md"))
    default_python = ROOT / ".venv" / "bin" / "python"
    parser.add_argument("--python", default=str(default_python) if default_python.exists() else sys.executable)
    parser.add_argument("--node", default="node")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per block (default 60)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show every block's output")
    args = parser.parse_args()

    readme = Path(args.readme)
    name = readme.name
    blocks = extract(readme.read_text(encoding="utf-8"))
    passed = failed = skipped = 0
    with tempfile.TemporaryDirectory(prefix="readme-blocks-") as tmp:
        scratch = Path(tmp)
        node_project(scratch)
        for index, block in enumerate(blocks, 1):
            where = f"{name}:{block.line} {block.language}"
            if block.skip_reason is not None:
                skipped += 1
                print(f"SKIP  {where} (not run: {block.skip_reason})", flush=True)
                continue
            started = time.monotonic()
            try:
                done = run(block, index, scratch, args)
                ok, output, why = done.returncode == 0, done.stdout, f"exit status {done.returncode}"
            except subprocess.TimeoutExpired as e:
                out = e.stdout or ""
                ok, output, why = False, out if isinstance(out, str) else out.decode(errors="replace"), \
                    f"timed out after {args.timeout:g} s"
            took = time.monotonic() - started
            if ok:
                passed += 1
                print(f"PASS  {where} ({took:.1f} s)", flush=True)
            else:
                failed += 1
                print(f"FAIL  {where} ({why}, {took:.1f} s)", flush=True)
            if output.strip() and (args.verbose or not ok):
                print(indent(output), flush=True)
    if not blocks:
        print(f"no python or js block found in {readme}", flush=True)
    elif not passed and not failed:
        print(f"every python and js block of {readme} is marked not run", flush=True)
    summary = f"{passed} passed, {failed} failed"
    if skipped:
        summary += f", {skipped} skipped"
    print(summary, flush=True)
    return 1 if failed or not (passed or failed) else 0


if __name__ == "__main__":
    sys.exit(main())
