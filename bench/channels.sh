#!/usr/bin/env bash
# Channel benchmark: inbound SMS webhooks accepted durably (each a new report: de-duplicated,
# filed, reply queued in the outbox, fsync'd before the 200), and the outbox's delivery rate
# to a local gateway (the minimal Beast server of bench/minimal_server.cpp, which answers every
# request with 200). Prints a table and writes bench/out/channels.json.
#
#   bench/channels.sh [--cases N] [--duration SECONDS] [--runs R] [--connections C]
set -euo pipefail
# wrk is one client address: the abuse limits (docs/operations.md) would answer it 429 after a
# minute's burst. The benchmark measures the server's throughput, so they are off here.
NO_RATE_LIMITS="--rate-limit public-write=0 --rate-limit pin-check=0 --rate-limit webhook=0 --rate-limit token-write=0"
cd "$(dirname "$0")/.."

CASES=100000 DURATION=10 RUNS=3 CONNS=64
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) CASES=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --connections) CONNS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

scripts/install-deps
BUILD_DIR=build-release BUILD_TYPE=Release scripts/build
ninja -C build-release bench_minimal_server >/dev/null

OUT=bench/out
mkdir -p "$OUT"
export BENCH_DIR="$PWD/bench"
BIN=build-release/jembatan
SEED_DB="$OUT/seed-$CASES.db"
DB="$OUT/channels.db"
PORT_GW=18091 PORT_APP=18081
KEY=bench-signing-key

if [ ! -f "$SEED_DB" ]; then
  echo "filling $SEED_DB with $CASES cases (once; reused by later runs)"
  rm -f "$SEED_DB".tmp*
  "$BIN" demo --db "$SEED_DB.tmp" --cases "$CASES" | head -1
  mv "$SEED_DB.tmp" "$SEED_DB"
fi
cp "$SEED_DB" "$DB"
chmod 600 "$DB"  # serve refuses a database others can read (a seed made before 0600 was 0644)
rm -f "$DB-wal" "$DB-shm"
"$BIN" channel set --db "$DB" sms signing_key "$KEY" >/dev/null
"$BIN" channel set --db "$DB" sms max_skew_seconds 0 >/dev/null
"$BIN" channel set --db "$DB" sms send_url "http://127.0.0.1:$PORT_GW/message" >/dev/null

# Enough distinct deliveries for every run at up to 12k/s.
NEED=$((RUNS * DURATION * 12000))
export SMS_FILE="$PWD/$OUT/sms-deliveries.tsv"
python3 bench/gen_sms.py "$KEY" "$NEED" "$(date +%s)" "$SMS_FILE"

wait_port() {
  for _ in $(seq 1 200); do
    curl -fs "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "server on port $1 did not come up" >&2
  return 1
}
outbox() {  # status
  sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE status = '$1'"
}

: > "$OUT/channels-raw.jsonl"
build-release/bench/bench_minimal_server "$PORT_GW" 1 >/dev/null &
GW_PID=$!
wait_port "$PORT_GW"
"$BIN" --log-level warn serve --db "$DB" --listen "127.0.0.1:$PORT_APP" --threads 2 \
  --sweep-interval 0 $NO_RATE_LIMITS >/dev/null &
APP_PID=$!
wait_port "$PORT_APP"
BEFORE=$(sqlite3 "$DB" "SELECT count(*) FROM cases")
for r in $(seq 1 "$RUNS"); do
  SMS_OFFSET=$(((r - 1) * DURATION * 12000)) wrk -t1 -c"$CONNS" -d"${DURATION}s" --timeout 10s \
    -s bench/sms.lua "http://127.0.0.1:$PORT_APP" \
    | grep '^{' | sed "s/^{/{\"scenario\":\"sms_inbound\",\"run\":$r,/" >> "$OUT/channels-raw.jsonl"
done
# Drain: with no inbound load, how fast does the outbox empty?
PENDING0=$(outbox pending)
T0=$(date +%s.%N)
while [ "$(outbox pending)" -gt 0 ]; do sleep 0.2; done
T1=$(date +%s.%N)
RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
kill -TERM "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true
AFTER=$(sqlite3 "$DB" "SELECT count(*) FROM cases")
SENT=$(outbox sent)

python3 - "$OUT" "$RSS_KB" "$BEFORE" "$AFTER" "$PENDING0" "$T0" "$T1" "$SENT" "$DURATION" "$RUNS" "$CONNS" <<'PY'
import datetime, json, os, statistics, sys
out, rss_kb, before, after, pending0, t0, t1, sent, duration, runs, conns = sys.argv[1:]
rows = [json.loads(l) for l in open(os.path.join(out, "channels-raw.jsonl"))]
med = {k: statistics.median(r[k] for r in rows) for k in ["rps", "p50_ms", "p99_ms", "non_2xx", "socket_errors"]}
ok = sum(r["requests"] - r["non_2xx"] for r in rows) if "requests" in rows[0] else None
drain_s = float(t1) - float(t0)
mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
result = {"date": datetime.date.today().isoformat(), "nproc": os.cpu_count(), "memory_gib": round(mem, 1),
          "cases_before": int(before), "cases_after": int(after), "accepted_2xx": ok,
          "median": med, "outbox_backlog_after_load": int(pending0), "drain_seconds": round(drain_s, 2),
          "drain_rate_per_s": round(int(pending0) / drain_s) if drain_s > 0 and int(pending0) else None,
          "outbox_sent_total": int(sent), "peak_rss_mib": round(int(rss_kb) / 1024, 1), "raw": rows}
json.dump(result, open(os.path.join(out, "channels.json"), "w"), indent=1)
print(f"\n{result['date']}, nproc {result['nproc']}, {result['memory_gib']} GiB, "
      f"wrk -t1 -c{conns} -d{duration}s, median of {runs} runs")
print(f"inbound SMS accepted: {med['rps']:.0f}/s (p50 {med['p50_ms']:.2f} ms, p99 {med['p99_ms']:.2f} ms, "
      f"non-2xx {med['non_2xx']:.0f}); cases {before} -> {after} (+{int(after) - int(before)}), 2xx answers {ok}")
print(f"outbox: {sent} delivered in all; backlog of {pending0} after the load drained in {drain_s:.1f} s "
      f"({result['drain_rate_per_s']}/s); peak RSS {result['peak_rss_mib']} MiB")
PY
