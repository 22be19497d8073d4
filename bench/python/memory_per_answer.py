"""Peak RSS growth for one large answer: `packages.get` against `json.loads` of the same body.

    python bench/python/memory_per_answer.py [--objects N] [--runs R]

An emulator, in a subprocess of its own, holds a package whose unknown fields `data00` to
`data19` are lists of N small objects in all (750,000 by default, `{"id": 1, "ref": "r1"}`:
about 20 MB of JSON; twenty fields because the emulator takes request bodies of up to 2 MB,
and an update merges the fields it is given).

Each figure comes from a fresh subprocess that warms up (imports, a connection, one small
call), reads `ru_maxrss`, does the one thing measured, and reads `ru_maxrss` again: the
difference is the peak growth that one answer cost. This driver imports nothing large,
because a child's `ru_maxrss` starts at the RSS of the process that spawned it.

- `sdk`: `client.packages.get(id)`, from request to model object; the body is read inside.
- `read+loads`: urllib reads the body, then `json.loads` (the same work from socket to
  Python objects; the baseline issue 11 quotes, +234 MB there).
- `loads`: `json.loads` alone, of a body already in memory.

Prints one JSON line per run, then the median ratios of `sdk` to each baseline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

FIELDS = 20

SERVER = r"""
import json, sys
from onespan_sign import Client
from onespan_sign.testing import Emulator
objects, fields = int(sys.argv[1]), int(sys.argv[2])
with Emulator() as emu:
    client = Client(api_key=emu.api_key, base_url=emu.base_url, timeout=300)
    small = client.packages.create({"name": "small"})
    big = client.packages.create({"name": "big"})
    per_field = -(-objects // fields)
    for f in range(fields):
        chunk = [{"id": i, "ref": f"r{i}"} for i in range(f * per_field, min((f + 1) * per_field, objects))]
        client.packages.update(big, {"name": "big", f"data{f:02}": chunk})
    print(json.dumps({"base": emu.base_url, "key": emu.api_key, "big": big, "small": small}), flush=True)
    sys.stdin.read()
"""

SDK = r"""
import json, resource, sys
from onespan_sign import Client
base, key, package_id, small, objects = sys.argv[1:6]
client = Client(api_key=key, base_url=base, timeout=300)
client.packages.get(small)                    # warm: runtime, connection, model classes
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
package = client.packages.get(package_id)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
assert sum(len(v) for k, v in package.extra.items() if k.startswith("data")) == int(objects)
print(json.dumps({"kib": after - before}))
"""

JSON_LOADS = r"""
import json, resource, sys, urllib.request
base, key, package_id, small, objects, mode = sys.argv[1:7]
def fetch(pid):
    req = urllib.request.Request(f"{base}/api/packages/{pid}", headers={"Authorization": f"Basic {key}"})
    with urllib.request.urlopen(req, timeout=300) as resp:
        return resp.read()
json.loads(fetch(small))                      # warm: imports, a connection
body = fetch(package_id) if mode == "loads" else None
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if mode == "read+loads":
    body = fetch(package_id)
package = json.loads(body)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
assert sum(len(v) for k, v in package.items() if k.startswith("data")) == int(objects)
print(json.dumps({"kib": after - before, "body_bytes": len(body)}))
"""


def run(code: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=600, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--objects", type=int, default=750_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(args.objects), str(FIELDS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        emu = json.loads(server.stdout.readline())
        common = (emu["base"], emu["key"], emu["big"], emu["small"], str(args.objects))
        ratios: dict = {"read+loads": [], "loads": []}
        for _ in range(args.runs):
            sdk = run(SDK, *common)
            row: dict = {"objects": args.objects, "sdk_mib": round(sdk["kib"] / 1024, 1)}
            for mode, seen in ratios.items():
                base = run(JSON_LOADS, *common, mode)
                seen.append(sdk["kib"] / max(base["kib"], 1))
                row["body_mib"] = round(base["body_bytes"] / 2**20, 1)
                row[f"{mode}_mib"] = round(base["kib"] / 1024, 1)
                row[f"ratio_to_{mode}"] = round(seen[-1], 2)
            print(json.dumps(row), flush=True)
        print(json.dumps({f"median_ratio_to_{m}": round(statistics.median(r), 2) for m, r in ratios.items()}))
    finally:
        server.communicate(input="", timeout=60)


if __name__ == "__main__":
    main()
