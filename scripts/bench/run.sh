#!/usr/bin/env bash
# Service load benchmark (issue 5 item 12): wrk on loopback against mnist-tn-mlp, JSON and binary
# tensors, dynamic batching on and off. Not a test: prints a Markdown table for docs/benchmarks.md.
#   scripts/bench/run.sh [duration, default 20s] [connections, default 32]
# Env: MODEL (mnist-tn-mlp), VERSION (2 = INT8), PORT (18090), REPO (model repository; default the
# bundled models), EXTRA (more --key=value service properties, e.g. --tnet.backend.cpu.threads=1).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-20s}"
CONNS="${2:-32}"
MODEL="${MODEL:-mnist-tn-mlp}"
VERSION="${VERSION:-2}"
PORT="${PORT:-18090}"
WORK="$(mktemp -d)"
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "wrk not installed (scripts/install-prereqs.sh)" >&2; exit 1; }
python3 scripts/bench/make-bodies.py "$MODEL" "$WORK"
URL="http://127.0.0.1:$PORT/v2/models/$MODEL/versions/$VERSION/infer"

start_server() {
  local batching="$1"
  REPO_ARG=()
  [ -n "${REPO:-}" ] && REPO_ARG=(--tnet.models.repository="$REPO")
  bin/serve --port "$PORT" --tnet.models.batching.enabled="$batching" --logging.level.root=WARN \
    ${REPO_ARG[@]+"${REPO_ARG[@]}"} ${EXTRA:-} >"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$PORT/v2/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "server not ready" >&2; exit 1
}

stop_server() {
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
}

# CPU seconds used so far by the server process (utime + stime)
cpu_seconds() {
  awk '{printf "%.3f", ($14 + $15) / 100}' "/proc/$SERVER/stat"
}

# wrk --latency output -> "req/s p50 p99 non2xx"
measure() {
  local kind="$1" conns="$2" dur="$3"
  local ctype=application/json hdr="" body="$WORK/json.body"
  if [ "$kind" = binary ]; then ctype=application/octet-stream; hdr="$(cat "$WORK/binary.hdrlen")"; body="$WORK/binary.body"; fi
  local cpu0 cpu1
  cpu0=$(cpu_seconds)
  BODY="$body" CTYPE="$ctype" HDRLEN="$hdr" wrk -t1 -c"$conns" -d"$dur" --latency -s scripts/bench/oip.lua "$URL" >"$WORK/wrk.out"
  cpu1=$(cpu_seconds)
  local rps p50 p99 bad total
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/wrk.out")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/wrk.out")
  bad=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk.out"); bad="${bad:-0}"
  total=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
  cpu=$(python3 -c "print(f'{($cpu1-$cpu0)/max(1,$total)*1e6:.0f} us')")
  echo "$rps $p50 $p99 $bad $cpu"
}

# mean compute ns per batch and mean batch size from the model's statistics
stats() {
  curl -s "http://127.0.0.1:$PORT/v2/models/$MODEL/versions/$VERSION/stats" | python3 -c '
import json,sys
s=json.load(sys.stdin)["model_stats"][0]
c=s["inference_stats"]["compute_infer"]
print(c["count"], c["ns"], s["inference_count"], s["execution_count"])'
}

echo "| batching | body | connections | req/s | p50 | p99 | non-2xx | mean batch | mean compute/batch | server CPU/request |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for batching in true false; do
  start_server "$batching"
  measure json "$CONNS" 5s >/dev/null   # JIT warm-up
  measure binary "$CONNS" 5s >/dev/null
  for kind in json binary; do
    read -r c0 ns0 inf0 ex0 < <(stats)
    read -r rps p50 p99 bad cpu < <(measure "$kind" "$CONNS" "$DURATION")
    read -r c1 ns1 inf1 ex1 < <(stats)
    batch=$(python3 -c "print(f'{($inf1-$inf0)/max(1,$ex1-$ex0):.1f}')")
    comp=$(python3 -c "print(f'{($ns1-$ns0)/max(1,$c1-$c0)/1000:.0f} us')")
    echo "| $batching | $kind | $CONNS | $rps | $p50 | $p99 | $bad | $batch | $comp | $cpu |"
  done
  # server overhead at one connection: client median latency minus mean compute time per request
  for kind in json binary; do
    read -r c0 ns0 inf0 ex0 < <(stats)
    read -r rps p50 p99 bad cpu < <(measure "$kind" 1 10s)
    read -r c1 ns1 inf1 ex1 < <(stats)
    comp=$(python3 -c "print(f'{($ns1-$ns0)/max(1,$c1-$c0)/1000:.0f} us')")
    echo "| $batching | $kind | 1 | $rps | $p50 | $p99 | $bad | 1.0 | $comp | $cpu |"
  done
  stop_server
done
