#!/usr/bin/env bash
# Runs OneSpan's official Java SDK (com.silanis.esl:sdk) against the emulator.
#
#   tests/conformance-java/run.sh [--capture FILE] [extra Maven arguments...]
#
# Builds the emulator binary if it is missing or older than its sources, starts it on a free
# loopback port, runs the JUnit suite with `mvn -B -q test`, prints one line per step and a
# closing "N passed, N failed, N skipped" line, and always stops the emulator.
#
# --capture FILE   put logging_proxy.py between the SDK and the emulator and append every
#                  exchange (method, path, query, headers, bodies, answer) to FILE as JSON lines.
# Environment:
#   EMULATOR_BIN     use this emulator binary instead of building target/debug/onespan-sign-emulator
#   M2_REPO          Maven local repository (default: Maven's own, ~/.m2/repository)
#   MVN              Maven command (default: mvn)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
capture=""
if [[ "${1:-}" == "--capture" ]]; then
  capture="$(realpath -m "$2")"
  shift 2
fi

work="$(mktemp -d)"
emu_pid=""
proxy_pid=""
cleanup() {
  [[ -n "$proxy_pid" ]] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null || true
  [[ -n "$emu_pid" ]] && kill "$emu_pid" 2>/dev/null && wait "$emu_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the emulator binary -----------------------------------------------------------------
bin="${EMULATOR_BIN:-$root/target/debug/onespan-sign-emulator}"
if [[ -z "${EMULATOR_BIN:-}" ]]; then
  if [[ ! -x "$bin" ]] || [[ -n "$(find "$root/emulator" "$root/Cargo.lock" -newer "$bin" -type f -print -quit)" ]]; then
    echo "building the emulator (cargo build -p onespan-sign-emulator)..." >&2
    (cd "$root" && cargo build -q -p onespan-sign-emulator)
  fi
fi

# Waits until FILE has a first line, then prints it (the process prints one JSON line).
first_line() {
  local file="$1" pid="$2" what="$3"
  for _ in $(seq 1 300); do
    if [[ -s "$file" ]] && head -n1 "$file" | grep -q '}'; then
      head -n1 "$file"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$what exited before it was ready" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "$what did not start within 30 s" >&2
  return 1
}
json_field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p"; }

# --- start the emulator (and the capturing proxy) -----------------------------------------
"$bin" --port 0 >"$work/emulator.out" 2>"$work/emulator.err" &
emu_pid=$!
line="$(first_line "$work/emulator.out" "$emu_pid" emulator)" || { cat "$work/emulator.err" >&2; exit 1; }
base_url="$(json_field baseUrl <<<"$line")"
api_key="$(json_field apiKey <<<"$line")"
[[ -n "$base_url" && -n "$api_key" ]] || { echo "could not read the emulator's JSON line: $line" >&2; exit 1; }

sdk_url="$base_url"
if [[ -n "$capture" ]]; then
  python3 "$here/logging_proxy.py" --upstream "$base_url" --log "$capture" >"$work/proxy.out" 2>"$work/proxy.err" &
  proxy_pid=$!
  pline="$(first_line "$work/proxy.out" "$proxy_pid" proxy)" || { cat "$work/proxy.err" >&2; exit 1; }
  sdk_url="$(json_field proxyUrl <<<"$pline")"
  echo "capturing exchanges to $capture (emulator $base_url, proxy $sdk_url)" >&2
fi

# --- run the suite ---------------------------------------------------------------------------
mvn_args=(-B -q -f "$here/pom.xml")
[[ -n "${M2_REPO:-}" ]] && mvn_args+=("-Dmaven.repo.local=$M2_REPO")
rm -rf "$here/target/surefire-reports"
status=0
ONESPAN_BASE_URL="$sdk_url" ONESPAN_API_KEY="$api_key" \
  "${MVN:-mvn}" "${mvn_args[@]}" "$@" test >"$work/mvn.log" 2>&1 || status=$?

# --- report: one line per step, then the totals ---------------------------------------------
reports=("$here"/target/surefire-reports/TEST-*.xml)
if [[ -e "${reports[0]}" ]]; then
  python3 - "${reports[@]}" <<'PY'
import sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in sys.argv[1:]:
    for case in ET.parse(path).getroot().iter("testcase"):
        name = case.get("name")
        problem = case.find("failure")
        if problem is None:
            problem = case.find("error")
        if case.find("skipped") is not None:
            skipped += 1
            why = case.find("skipped").get("message") or ""
            print(f"SKIP {name}  ({why})")
        elif problem is not None:
            failed += 1
            msg = " ".join((problem.get("message") or problem.get("type") or "").split())
            print(f"FAIL {name}\n     {msg[:600]}")
            causes = [l.strip() for l in (problem.text or "").splitlines() if l.strip().startswith("Caused by:")]
            for c in causes[-2:]:
                detail = c.split(": ", 2)[-1][:60]
                if detail and detail not in msg:
                    print(f"     {' '.join(c.split())[:300]}")
        else:
            passed += 1
            print(f"PASS {name}")
print(f"conformance: {passed} passed, {failed} failed, {skipped} skipped")
PY
else
  cat "$work/mvn.log" >&2
  echo "conformance: no test report (Maven exited $status)" >&2
  [[ $status -ne 0 ]] || status=1
fi
if [[ $status -ne 0 && -n "${VERBOSE:-}" ]]; then cat "$work/mvn.log" >&2; fi
exit "$status"
