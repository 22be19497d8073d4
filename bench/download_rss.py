"""Peak RSS growth of a 200 MB download to a file, Python and Node.

    python bench/download_rss.py --emulator PATH [--mb 200] [--node-addon PATH]

Starts the emulator binary on 127.0.0.1, uploads one document of `--mb` MB (a `%PDF-`
header and padding) from a subprocess of its own, then, in a fresh subprocess per
language: warms up (imports, a connection, one small download), reads the peak RSS, downloads
the large document to a file in a temporary directory (`documents.download_original(...,
to=path)`), reads the peak RSS again and checks the file's size. The difference of the two
peaks is what the download cost; the target is at most 20 MB (issue 12). Prints one JSON
line per language; `make bench` (bench/run.py) puts them in the table.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MIB = 20

UPLOAD = r"""
import json, sys
from onespan_sign import Client
base, key, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
client = Client(api_key=key, base_url=base, timeout=600)
content = b"%PDF-1.4\n" + b" " * (mb * 1024 * 1024 - 9)
pkg = client.packages.create({"name": "Download benchmark"})
small, big = client.documents.upload(pkg, [("small.pdf", b"%PDF-1.4\n%%EOF\n"), ("big.pdf", content)])
print(json.dumps({"package": pkg, "small": small.id, "big": big.id}))
"""

PY_CHILD = r"""
import json, os, resource, sys, tempfile
from onespan_sign import Client
base, key, pkg, small, big, size = sys.argv[1:7]
client = Client(api_key=key, base_url=base, timeout=600)
with tempfile.TemporaryDirectory() as d:
    client.documents.download_original(pkg, small, to=os.path.join(d, "small.pdf"))   # warm-up
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    n = client.documents.download_original(pkg, big, to=os.path.join(d, "big.pdf"))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert n == int(size) == os.path.getsize(os.path.join(d, "big.pdf")), (n, size)
print(json.dumps({"bench": "download_rss", "what": "Python `documents.download_original(to=path)`",
                  "bytes": n, "peak_before_kib": before, "growth_kib": after - before}))
"""

NODE_CHILD = r"""
const fs = require('node:fs'), os = require('node:os'), path = require('node:path')
const { Client } = require('onespan-sign')
const [base, key, pkg, small, big, size] = process.argv.slice(1)
;(async () => {
  const client = new Client({ apiKey: key, baseUrl: base, timeoutMs: 600000 })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onespan-bench-'))
  try {
    await client.documents.downloadOriginal(pkg, small, { to: path.join(dir, 'small.pdf') })
    const before = process.resourceUsage().maxRSS
    const n = await client.documents.downloadOriginal(pkg, big, { to: path.join(dir, 'big.pdf') })
    const after = process.resourceUsage().maxRSS
    if (n !== Number(size) || fs.statSync(path.join(dir, 'big.pdf')).size !== n) throw new Error(`size ${n}`)
    console.log(JSON.stringify({ bench: 'download_rss', what: 'Node `documents.downloadOriginal({ to: path })`',
      bytes: n, peak_before_kib: before, growth_kib: after - before }))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})().catch((e) => { console.error(e); process.exit(1) })
"""


def measure(emulator: str, mb: int, python: str, node_env: dict) -> list:
    proc = subprocess.Popen([emulator, "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        info = json.loads(proc.stdout.readline())
        base, key = info["baseUrl"], info["apiKey"]
        if not base.startswith("http://127.0.0.1:"):
            raise SystemExit(f"the emulator is not on loopback: {base}")
        up = json.loads(subprocess.run([python, "-c", UPLOAD, base, key, str(mb)], check=True,
                                       capture_output=True, text=True, timeout=600).stdout)
        size = str(mb * 1024 * 1024)
        args = [base, key, up["package"], up["small"], up["big"], size]
        rows = []
        out = subprocess.run([python, "-c", PY_CHILD, *args], check=True, capture_output=True,
                             text=True, timeout=600)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        out = subprocess.run(["node", "-e", NODE_CHILD, *args], check=True, capture_output=True,
                             text=True, timeout=600, env=dict(os.environ, **node_env),
                             cwd=ROOT / "bench/node")
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        return rows
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--emulator", required=True)
    ap.add_argument("--mb", type=int, default=200)
    ap.add_argument("--node-addon", help="the .node file to load (default: bindings-node's)")
    args = ap.parse_args()
    env = {"NAPI_RS_NATIVE_LIBRARY_PATH": str(Path(args.node_addon).resolve())} if args.node_addon else {}
    (ROOT / "bench/node/node_modules").mkdir(parents=True, exist_ok=True)
    link = ROOT / "bench/node/node_modules/onespan-sign"
    if not link.exists():
        link.symlink_to("../../../bindings-node")
    for row in measure(args.emulator, args.mb, sys.executable, env):
        verdict = "met" if row["growth_kib"] <= TARGET_MIB * 1024 else "MISSED"
        print(json.dumps({**row, "target_mib": TARGET_MIB, "verdict": verdict}))


if __name__ == "__main__":
    main()
