#!/usr/bin/env bash
# `make demo`: the Python and Node quickstarts. Against the embedded emulator, each runs with
# its example webhook receiver beside it, so the events the emulator delivers show up as
# the package moves. Against the real service (ONESPAN_* set), the quickstarts run alone:
# OneSpan cannot reach a receiver on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

if [[ -n "${ONESPAN_API_KEY:-}${ONESPAN_CLIENT_ID:-}${ONESPAN_OAUTH_CLIENT_ID:-}" ]]; then
  "$PY" examples/quickstart.py
  node examples/quickstart.mjs
  exit 0
fi

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "the receiver did not start" >&2
  return 1
}

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

# with_receiver RECEIVER-COMMAND... -- QUICKSTART-COMMAND...
with_receiver() {
  local receiver=() quickstart=() port key
  while [[ "$1" != "--" ]]; do receiver+=("$1"); shift; done
  shift
  quickstart=("$@")
  port=$(free_port)
  key="demo-key-$RANDOM$RANDOM"
  ONESPAN_CALLBACK_KEY="$key" "${receiver[@]}" "$port" &
  pids+=($!)
  wait_for_port "$port"
  DEMO_CALLBACK_URL="http://127.0.0.1:$port/" DEMO_CALLBACK_KEY="$key" "${quickstart[@]}"
  sleep 0.2 # the receiver prints the last events
}

with_receiver "$PY" examples/webhook_receiver.py -- "$PY" examples/quickstart.py
with_receiver node examples/webhook_receiver.mjs -- node examples/quickstart.mjs
# The integrator's last step: the signed PDF and the evidence summary, downloaded.
"$PY" examples/download_signed.py
