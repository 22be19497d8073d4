"""Runs every benchmark of `make bench` against one release emulator and writes the table.

    python bench/run.py --emulator PATH --bench-bin PATH --node-addon PATH [--quick]

Starts the emulator (release build) on 127.0.0.1, creates the fixture (a sent package with
two signer roles, one signer each), runs the Rust, Python and Node benchmarks one after the
other (never two at once: the machine has 2 cores), then prints the results table and
writes it into bench/README.md between the results markers. Raw rounds go to
bench/.build/results.json.

Every figure is a median over several rounds; every ratio is the median of per-round
ratios, each round pairing the SDK with its baseline measured back to back, in alternating
order, so that the load of a shared machine hits both sides alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VECTOR = ROOT / "tests/vectors/webhooks/event-package-complete.json"
README = BENCH / "README.md"
BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


# ---- the emulator and the fixture -----------------------------------------------------------


class Emulator:
    def __init__(self, binary: str):
        self.proc = subprocess.Popen([binary, "--port", "0"], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit("the emulator printed nothing")
        info = json.loads(line)
        self.base: str = info["baseUrl"]
        self.key: str = info["apiKey"]
        if not self.base.startswith("http://127.0.0.1:"):
            raise SystemExit(f"the emulator is not on loopback: {self.base}")

    def request(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={
            "Authorization": f"Basic {self.key}", "Accept": "application/json",
            "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            text = resp.read()
        return json.loads(text) if text else None

    def fixture(self) -> Tuple[str, str]:
        """A sent package with two signer roles: the realistic `roles.get` payload is one of
        them (the emulator keeps one signer per role, as the service does). Created in one
        multipart POST with examples/lease.pdf and a signature field per role: the service
        sends only a package with a signer, a document and a signature."""
        field = {"type": "SIGNATURE", "page": 0, "top": 600, "width": 200, "height": 50}
        payload = {
            "name": "Benchmark lease",
            "roles": [
                {"id": "Tenant", "signers": [
                    {"email": "ann@example.com", "firstName": "Ann", "lastName": "Lee"}]},
                {"id": "Landlord", "signers": [
                    {"email": "bob@example.com", "firstName": "Bob", "lastName": "Kay"}]},
            ],
            "documents": [{"name": "Lease", "approvals": [
                {"role": "Tenant", "fields": [{**field, "left": 72}]},
                {"role": "Landlord", "fields": [{**field, "left": 320}]},
            ]}],
        }
        boundary = "benchmark-fixture-boundary"
        pdf = (ROOT / "examples/lease.pdf").read_bytes()
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"payload\"\r\n\r\n"
                f"{json.dumps(payload)}\r\n--{boundary}\r\nContent-Disposition: form-data; "
                f"name=\"file\"; filename=\"lease.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
                ).encode() + pdf + f"\r\n--{boundary}--\r\n".encode()
        req = urllib.request.Request(self.base + "/api/packages", data=body, method="POST", headers={
            "Authorization": f"Basic {self.key}", "Accept": "application/json",
            "Content-Type": f"multipart/form-data; boundary={boundary}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            pid = json.loads(resp.read())["id"]
        self.request("POST", f"/api/packages/{pid}", {"status": "SENT"})
        status = self.request("GET", f"/api/packages/{pid}/signingStatus")["status"]
        role = self.request("GET", f"/api/packages/{pid}/roles/Tenant")
        log(f"fixture: package {pid}, signing status {status}, "
            f"roles.get answer {len(json.dumps(role))} bytes")
        return pid, "Tenant"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


# ---- running one benchmark ---------------------------------------------------------------------


def run(cmd: List[str], timeout: float, env: Optional[Dict[str, str]] = None) -> List[dict]:
    """Runs one benchmark process and returns the JSON objects it printed."""
    log(" ".join(c if len(c) < 80 else c[:77] + "..." for c in cmd))
    full_env = dict(os.environ, **(env or {}))
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=full_env,
                         cwd=ROOT)
    if out.returncode != 0:
        sys.stderr.write(out.stdout + out.stderr)
        raise SystemExit(f"benchmark failed: {cmd[:3]}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def median(xs: List[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def paired(rows: List[dict], bench: str, call: Optional[str], a: str, b: str
           ) -> Tuple[float, float, List[float]]:
    """Median rate of side a, of side b, and the per-round ratios rate_a / rate_b."""
    sel = [r for r in rows if r["bench"] == bench and (call is None or r.get("call") == call)]
    rate = {(r["side"], r["round"]): r["calls"] / r["secs"] for r in sel}
    rounds = sorted({r["round"] for r in sel})
    ratios = [rate[(a, n)] / rate[(b, n)] for n in rounds if (a, n) in rate and (b, n) in rate]
    ra = [rate[(a, n)] for n in rounds if (a, n) in rate]
    rb = [rate[(b, n)] for n in rounds if (b, n) in rate]
    return median(ra), median(rb), ratios


def import_time(cmd_with: List[str], cmd_without: List[str], runs: int,
                env: Optional[Dict[str, str]] = None, cwd: Path = ROOT) -> Tuple[float, float]:
    """Median wall time (ms) of cmd_with minus that of cmd_without, and cmd_with's median."""
    full_env = dict(os.environ, **(env or {}))
    with_t, without_t = [], []
    for i in range(runs + 1):
        for which, cmd in (("w", cmd_with), ("o", cmd_without)):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, env=full_env, cwd=cwd, timeout=60,
                           stdout=subprocess.DEVNULL)
            t = (time.perf_counter() - t0) * 1000
            if i:  # the first run of each warms the page cache
                (with_t if which == "w" else without_t).append(t)
    return median(with_t) - median(without_t), median(with_t)


# ---- the table -------------------------------------------------------------------------------


def fmt_rate(x: float) -> str:
    if x != x:
        return "n/a"
    if x >= 1e6:
        return f"{x / 1e6:.2f} M/s"
    if x >= 1e4:
        return f"{x / 1e3:.1f} k/s"
    return f"{x:,.0f}/s"


def fmt_ratio(ratios: List[float]) -> str:
    if not ratios:
        return "n/a"
    return f"**{median(ratios):.2f}** ({min(ratios):.2f}–{max(ratios):.2f})"


def verdict(value: float, target: float, higher_is_better: bool = True) -> str:
    if value != value:
        return "n/a"
    ok = value >= target if higher_is_better else value <= target
    return "met" if ok else "**MISSED**"


def build_table(rows: List[dict], extra: Dict[str, Any]) -> List[str]:
    lines = [
        "| what | call | ours (median) | baseline (median) | ratio ours/baseline: median (min–max) | target | |",
        "|---|---|---|---|---|---|---|",
    ]
    specs = [
        # Targets: issue 16's where it names one, issue 11's (2.0) elsewhere.
        ("Python sync, 1 thread", "py_sync", "`Client`", "`requests.Session` + `json`", 4.0),
        ("Python async, 64 in flight", "py_async", "`AsyncClient`", "`httpx.AsyncClient` + `json`", 2.0),
        ("Python, 8 threads", "py_threads", "one shared `Client`", "`requests.Session` per thread", 2.0),
        ("Node, 1 in flight", "node_http_1", "`Client`", "`fetch` + `JSON.parse`", 1.5),
        ("Node, 64 in flight", "node_http_64", "`Client`", "`fetch` + `JSON.parse`", 5.0),
    ]
    for what, bench, ours, base, target in specs:
        for call in ("roles_get", "signing_status"):
            a, b, ratios = paired(rows, bench, call, "ours", "baseline")
            name = "roles.get" if call == "roles_get" else "packages.signing_status"
            lines.append(f"| {what}: {ours} vs {base} | {name} | {fmt_rate(a)} | {fmt_rate(b)} "
                         f"| {fmt_ratio(ratios)} | ≥ {target:.1f} | {verdict(median(ratios), target)} |")
    for what, bench, ours, base, target in [
        ("Python webhook verify + parse", "py_webhook", "`webhooks.verify`",
         "`hmac.compare_digest` + `json.loads` + same object", 3.0),
        ("Node webhook verify + parse", "node_webhook", "`verifyWebhook`",
         "`crypto.timingSafeEqual` + `JSON.parse` + same object", 1.2),
    ]:
        a, b, ratios = paired(rows, bench, None, "ours", "baseline")
        lines.append(f"| {what}: {ours} vs {base} | event | {fmt_rate(a)} | {fmt_rate(b)} "
                     f"| {fmt_ratio(ratios)} | ≥ {target:.1f} | {verdict(median(ratios), target)} |")
    # Rust: time per call, ours / raw (so lower is better).
    for call in ("roles_get", "signing_status"):
        # rate_raw / rate_ours is time_ours / time_raw: lower is better.
        raw, ours, ratios = paired(rows, "rust_http", call, "raw", "ours")
        name = "roles.get" if call == "roles_get" else "packages.signing_status"
        lines.append(
            f"| Rust, 1 in flight: `Client` vs raw `reqwest` (same request, same model) | {name} "
            f"| {1e6 / ours:.1f} µs/call ({fmt_rate(ours)}) | {1e6 / raw:.1f} µs/call ({fmt_rate(raw)}) "
            f"| time {fmt_ratio(ratios)} | ≤ 1.2 × raw | {verdict(median(ratios), 1.2, False)} |")
    for bench, what in [("rust_webhook", "`webhook::verify` + parse (an `Event` with its `raw` map)"),
                        ("rust_webhook_view", "`webhook::verify_view` (the typed fields: what every binding calls)")]:
        rates = [r["calls"] / r["secs"] for r in rows if r["bench"] == bench]
        lines.append(f"| Rust {what}, one thread | event | {fmt_rate(median(rates))} "
                     f"(min {fmt_rate(min(rates)) if rates else 'n/a'}) | — | — | ≥ 1,000,000/s "
                     f"| {verdict(median(rates), 1e6)} |")
    # Webhook verification from other languages (bindings-c, -go, -wasm).
    for what, bench, ours, base, target in [
        ("Go verify + parse", "go_webhook", "`onespan.VerifyWebhook` (cgo)",
         "`subtle.ConstantTimeCompare` + `encoding/json` into the same `Event`", 1.0),
        ("WASM in Node verify + parse", "wasm_webhook", "`onespan-sign-webhooks` `verifyWebhook`",
         "the native addon's `verifyWebhook`", 0.5),
    ]:
        a, b, ratios = paired(rows, bench, None, "ours", "baseline")
        lines.append(f"| {what}: {ours} vs {base} | event | {fmt_rate(a)} | {fmt_rate(b)} "
                     f"| {fmt_ratio(ratios)} | ≥ {target:.1f} | {verdict(median(ratios), target)} |")
    rates = [r["calls"] / r["secs"] for r in rows if r["bench"] == "c_webhook"]
    lines.append(f"| C ABI `onespan_webhook_verify` + 2 accessors + free, one thread | event "
                 f"| {fmt_rate(median(rates))} (min {fmt_rate(min(rates)) if rates else 'n/a'}) "
                 f"| — | — | ≥ 1,000,000/s | {verdict(median(rates), 1e6)} |")
    # Memory per answer (bench/python/memory_per_answer.py): lower is better.
    answers = [r for r in rows if r["bench"] == "answer_rss" and "ratio_to_loads" in r]
    if answers:
        ratios = [r["ratio_to_loads"] for r in answers]
        lines.append(
            f"| Python peak RSS growth, one {answers[0]['body_mib']:.0f} MB answer of "
            f"{answers[0]['objects']:,} small objects: `packages.get` vs `json.loads` of the body "
            f"| packages.get | {median([r['sdk_mib'] for r in answers]):.1f} MiB "
            f"| {median([r['loads_mib'] for r in answers]):.1f} MiB | {fmt_ratio(ratios)} "
            f"| ≤ 3.0 | {verdict(median(ratios), 3.0, False)} |")
    # What users download: the wheel and the npm platform package this run built (release
    # profile, symbols stripped), compressed.
    for what, size in extra.get("artifacts", {}).items():
        lines.append(f"| {what} | — | {size / 1e6:.2f} MB | — | — | ≤ 5 MB "
                     f"| {verdict(size, 5e6, False)} |")
    return lines


def build_extras(rows: List[dict], extra: Dict[str, Any]) -> List[str]:
    out = ["", "**Emulator throughput** (release, its 2 tokio workers; load from a raw-socket "
           "HTTP/1.1 keep-alive client on one thread of the same machine, `roles.get`):", ""]
    for conns in sorted({r["conns"] for r in rows if r["bench"] == "emulator_load"}):
        rates = [r["calls"] / r["secs"] for r in rows
                 if r["bench"] == "emulator_load" and r["conns"] == conns]
        out.append(f"- {conns} connection(s): median {fmt_rate(median(rates))} "
                   f"(rounds: {', '.join(fmt_rate(x) for x in rates)})")
    out += ["", "**Import time** (median of process wall times, minus the bare interpreter's):", ""]
    for name, (delta, total) in extra["import"].items():
        out.append(f"- {name}: **{delta:.0f} ms** (process total {total:.0f} ms)")
    out += ["", "**Memory** (RSS; growth is end minus after the first 10% of calls, both "
            "after a GC):", "",
            "| what | calls | peak RSS | RSS after warm-up | RSS at end | growth |",
            "|---|---|---|---|---|---|"]
    for r in (x for x in rows if x["bench"] == "rss"):
        growth = r["rss_end_kib"] - r["rss_after_warmup_kib"]
        out.append(f"| {r['what']} | {r['calls']:,} | {r['peak_kib'] / 1024:.1f} MiB "
                   f"| {r['rss_after_warmup_kib'] / 1024:.1f} MiB | {r['rss_end_kib'] / 1024:.1f} MiB "
                   f"| {growth:+,} KiB |")
    downloads = [x for x in rows if x["bench"] == "download_rss"]
    if downloads:
        out += ["", "**Streaming downloads** (peak RSS growth of one download to a file, from "
                "after a small warm-up download; `bench/download_rss.py`):", "",
                "| what | bytes | peak RSS growth | target | |", "|---|---|---|---|---|"]
        for r in downloads:
            limit = r["target_mib"] * 1024
            out.append(f"| {r['what']} | {r['bytes'] / 2**20:,.0f} MiB | {r['growth_kib'] / 1024:.1f} MiB "
                       f"| ≤ {r['target_mib']} MiB | {verdict(r['growth_kib'], limit, False)} |")
    return out


def machine() -> str:
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()
    return (f"nproc {os.cpu_count()}, CPU `{model}`, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, "
            f"{subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()} "
            f"— load average at start {load[0]:.2f}")


def write_readme(block: List[str]) -> None:
    text = README.read_text() if README.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text += f"\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(head + BEGIN + "\n" + "\n".join(block) + "\n" + END + tail)


# ---- main ------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--emulator", required=True)
    ap.add_argument("--bench-bin", required=True)
    ap.add_argument("--node-addon", required=True)
    ap.add_argument("--c-bench", required=True)
    ap.add_argument("--go-bench", required=True)
    ap.add_argument("--quick", action="store_true", help="short rounds, for trying the harness")
    ap.add_argument("--no-readme", action="store_true")
    args = ap.parse_args()

    t0 = time.time()
    started = dt.datetime.now(dt.timezone.utc)
    machine_line = machine()
    py = sys.executable
    node_env = {"NAPI_RS_NATIVE_LIBRARY_PATH": str(Path(args.node_addon).resolve())}
    rounds = 3 if args.quick else 5
    http_secs = 0.3 if args.quick else 0.75
    hook_secs = 0.2 if args.quick else 0.5
    rss_calls = 100_000 if args.quick else 1_000_000
    rss_http_calls = 5_000 if args.quick else 50_000

    rows: List[dict] = []
    extra: Dict[str, Any] = {}

    emu = Emulator(args.emulator)
    try:
        pkg, role = emu.fixture()
        common = {"base": emu.base, "key": emu.key, "package": pkg, "role": role,
                  "rounds": rounds, "vector": str(VECTOR)}
        bench_bin = args.bench_bin
        flags = ["--base", emu.base, "--key", emu.key, "--package", pkg, "--role", role]

        # The emulator on its own first, so nobody mistakes it for the bottleneck.
        for conns in (1, 32):
            rows += run([bench_bin, "load", *flags, "--conns", str(conns), "--rounds", "3",
                         "--secs", str(http_secs)], 120)

        # Rust.
        rows += run([bench_bin, "http", *flags, "--rounds", str(rounds), "--secs",
                     str(http_secs)], 300)
        rows += run([bench_bin, "webhook", "--vector", str(VECTOR), "--rounds", str(rounds),
                     "--secs", str(hook_secs)], 120)

        # C ABI and Go (cgo), both over the release libonespan_sign.a.
        vec = json.loads(VECTOR.read_text())
        body_file = BENCH / ".build/webhook-body.json"
        body_file.write_text(vec["body"])
        rows += run([args.c_bench, str(body_file), vec["headers"]["Authorization"], vec["key"],
                     str(rounds), str(hook_secs)], 120)
        rows += run([args.go_bench, str(VECTOR), str(rounds), str(hook_secs)], 120)

        # Python.
        pyb = str(BENCH / "python/bench.py")
        for mode, cfg in [
            ("http-sync", {"secs": http_secs}),
            ("http-async", {"secs": http_secs, "inflight": 64}),
            ("http-threads", {"secs": http_secs, "threads": 8}),
            ("webhook", {"secs": hook_secs}),
        ]:
            rows += run([py, pyb, mode, json.dumps({**common, **cfg})], 300)

        # Node.
        nodeb = str(BENCH / "node/bench.js")
        for inflight in (1, 64):
            rows += run(["node", nodeb, "http", json.dumps({**common, "secs": http_secs,
                                                            "inflight": inflight})], 300, node_env)
        rows += run(["node", nodeb, "webhook", json.dumps({**common, "secs": hook_secs})],
                    300, node_env)
        rows += run(["node", nodeb, "wasm-webhook", json.dumps({**common, "secs": hook_secs})],
                    300, node_env)

        # Memory.
        rows += run([bench_bin, "rss", "--vector", str(VECTOR), "--n", str(rss_calls)], 120)
        rows += run([py, pyb, "rss-webhook", json.dumps({**common, "n": rss_calls, "secs": 0})], 300)
        rows += run(["node", "--expose-gc", nodeb, "rss-webhook",
                     json.dumps({**common, "n": rss_calls})], 300, node_env)
        rows += run([py, pyb, "rss-http", json.dumps({**common, "n": rss_http_calls, "secs": 0})], 300)
        rows += run(["node", "--expose-gc", nodeb, "rss-http",
                     json.dumps({**common, "n": rss_http_calls})], 300, node_env)
        # One 20 MB answer of many small objects (an emulator of its own).
        rows += [{**r, "bench": "answer_rss"} for r in run(
            [py, str(BENCH / "python/memory_per_answer.py"), "--objects",
             "75000" if args.quick else "750000", "--runs", "3"], 900)]
        # A 200 MB download to a file (an emulator of its own: it holds the 200 MB).
        rows += run([py, str(BENCH / "download_rss.py"), "--emulator", args.emulator,
                     "--mb", "20" if args.quick else "200", "--node-addon", args.node_addon], 900)
    finally:
        emu.stop()

    # Artifact sizes: the wheel as built, the addon as npm packs it (gzip).
    wheels = sorted((BENCH / ".build/wheels").glob("onespan_sign-*.whl"))
    addon = Path(args.node_addon)
    extra["artifacts"] = {
        **{f"wheel `{w.name}`, compressed": w.stat().st_size for w in wheels[-1:]},
        f"npm platform package: `{addon.name}` gzipped": len(gzip.compress(addon.read_bytes(), 9)),
    }

    # Import time: after the emulator is gone, one process at a time.
    runs = 5 if args.quick else 8
    log("import times")
    extra["import"] = {
        "`import onespan_sign` (Python)": import_time([py, "-c", "import onespan_sign"],
                                                       [py, "-c", "pass"], runs),
        "`require('onespan-sign')` (Node)": import_time(
            ["node", "-e", "require('onespan-sign')"], ["node", "-e", ""], runs, node_env,
            BENCH / "node"),
        "for reference, `import requests`": import_time([py, "-c", "import requests"],
                                                        [py, "-c", "pass"], runs),
        "for reference, `import httpx`": import_time([py, "-c", "import httpx"],
                                                     [py, "-c", "pass"], runs),
    }

    elapsed = time.time() - t0
    total = time.time() - float(os.environ["BENCH_T0"]) if os.environ.get("BENCH_T0") else None
    block = [
        f"Run of {started:%Y-%m-%d %H:%M} UTC, `make bench`"
        + (" (`--quick`)" if args.quick else "") + f": {machine_line}.",
        f"Measuring took {elapsed:.0f} s"
        + (f"; `make bench` in all, builds included, {total:.0f} s." if total else "."),
        f"{rounds} measured rounds of {http_secs:g} s per side for HTTP, "
        f"{hook_secs:g} s for webhooks, after one warm-up round each.",
        "",
        *build_table(rows, extra),
        *build_extras(rows, extra),
    ]
    (BENCH / ".build").mkdir(exist_ok=True)
    (BENCH / ".build/results.json").write_text(json.dumps({"rows": rows, "extra": extra},
                                                          indent=1))
    print("\n".join(block))
    if not args.no_readme and not args.quick:
        write_readme(block)
        log(f"wrote the table to {README.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
