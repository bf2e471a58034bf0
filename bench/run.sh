#!/usr/bin/env bash
# Load benchmark of `jembatan serve` on a database of CASES cases (default 1,000,000), against
# a minimal Beast server measured in the same run. Prints a table and writes
# bench/out/results.json. Not a test: nothing here asserts a figure.
#
#   bench/run.sh [--cases N] [--duration SECONDS] [--runs R] [--connections C] [--store postgres]
#
# --store postgres: the same scenarios also on PostgreSQL, in the same run (a throwaway server
# from scripts/with-postgres, filled with the same demo province), with its ratio to SQLite.
#
# Each scenario runs R times (default 3) for SECONDS (default 10) with wrk (1 thread, C
# connections, default 64; submissions also with 256); the median of the runs is reported.
# The server uses 2 I/O threads.
set -euo pipefail
# wrk is one client address: the abuse limits (docs/operations.md) would answer it 429 after a
# minute's burst. The benchmark measures the server's throughput, so they are off here.
NO_RATE_LIMITS="--rate-limit public-write=0 --rate-limit pin-check=0 --rate-limit webhook=0 --rate-limit token-write=0"
cd "$(dirname "$0")/.."

CASES=1000000 DURATION=10 RUNS=3 CONNS=64 STORE=sqlite
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) CASES=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --connections) CONNS=$2; shift 2 ;;
    --store) STORE=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

case "$STORE" in sqlite|postgres) ;; *) echo "--store: sqlite or postgres" >&2; exit 2 ;; esac
if [ "$STORE" = postgres ] && [ -z "${JEMBATAN_TEST_POSTGRES_URL:-}" ]; then
  exec scripts/with-postgres "$0" --cases "$CASES" --duration "$DURATION" --runs "$RUNS" \
    --connections "$CONNS" --store postgres
fi
scripts/install-deps
BUILD_DIR=build-release BUILD_TYPE=Release scripts/build
ninja -C build-release bench_minimal_server >/dev/null

OUT=bench/out
mkdir -p "$OUT"
export BENCH_DIR="$PWD/bench"
BIN=build-release/jembatan
SEED_DB="$OUT/seed-$CASES.db"
DB="$OUT/bench.db"
PORT_BASE=18090 PORT_APP=18080

if [ ! -f "$SEED_DB" ]; then
  echo "filling $SEED_DB with $CASES cases (once; reused by later runs)"
  rm -f "$SEED_DB".tmp*
  "$BIN" demo --db "$SEED_DB.tmp" --cases "$CASES" | head -1
  mv "$SEED_DB.tmp" "$SEED_DB"
fi
cp "$SEED_DB" "$DB"
chmod 600 "$DB"  # serve refuses a database others can read (a seed made before 0600 was 0644)
rm -f "$DB-wal" "$DB-shm"
sqlite3 "$DB" "SELECT code FROM cases ORDER BY random() LIMIT 20000" > "$OUT/codes.txt"
export CODES_FILE="$PWD/$OUT/codes.txt"

wait_port() {
  for _ in $(seq 1 200); do
    curl -fs "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "server on port $1 did not come up" >&2
  return 1
}

run_wrk() {  # name port script connections
  local name=$1 port=$2 script=$3 conns=$4
  for r in $(seq 1 "$RUNS"); do
    wrk -t1 -c"$conns" -d"${DURATION}s" --timeout 10s -s "bench/$script" "http://127.0.0.1:$port" \
      | grep '^{' | sed "s/^{/{\"scenario\":\"$name\",\"run\":$r,/" >> "$OUT/raw.jsonl"
  done
}

: > "$OUT/raw.jsonl"
build-release/bench/bench_minimal_server "$PORT_BASE" 2 >/dev/null &
BASE_PID=$!
wait_port "$PORT_BASE"
run_wrk baseline "$PORT_BASE" baseline.lua "$CONNS"
kill "$BASE_PID"; wait "$BASE_PID" 2>/dev/null || true

scenarios() {  # prefix database: serve it, run the scenarios, keep the peak RSS
  local prefix=$1 db=$2
  "$BIN" --log-level warn serve --db "$db" --listen "127.0.0.1:$PORT_APP" --threads 2 \
    --sweep-interval 0 $NO_RATE_LIMITS >/dev/null &
  local pid=$!
  wait_port "$PORT_APP"
  run_wrk "${prefix}read" "$PORT_APP" read.lua "$CONNS"
  run_wrk "${prefix}list" "$PORT_APP" list.lua "$CONNS"
  run_wrk "${prefix}submit" "$PORT_APP" submit.lua "$CONNS"
  run_wrk "${prefix}submit_c256" "$PORT_APP" submit.lua 256
  awk '/VmHWM/ {print $2}' "/proc/$pid/status" > "$OUT/${prefix}rss_kb"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
}
scenarios "" "$DB"
RSS_KB=$(cat "$OUT/rss_kb")
STORED=$(sqlite3 "$DB" "SELECT count(*) FROM cases")
PG_STORED=""
if [ "$STORE" = postgres ]; then
  # The same province (same seed, same size) on PostgreSQL; each run starts from a copy.
  ADMIN=$JEMBATAN_TEST_POSTGRES_URL
  PG_BASE=${ADMIN%/*}
  psql -qAtX "$ADMIN" -c "CREATE DATABASE bench_seed"
  echo "filling PostgreSQL with $CASES cases"
  "$BIN" demo --db "$PG_BASE/bench_seed" --cases "$CASES" | head -1
  psql -qAtX "$ADMIN" -c "CREATE DATABASE bench TEMPLATE bench_seed"
  psql -qAtX "$PG_BASE/bench" -c "ANALYZE"
  psql -qAtX "$PG_BASE/bench" -c "SELECT code FROM cases ORDER BY random() LIMIT 20000" > "$OUT/codes.txt"
  scenarios pg_ "$PG_BASE/bench"
  PG_STORED=$(psql -qAtX "$PG_BASE/bench" -c "SELECT count(*) FROM cases")
fi

python3 - "$OUT" "$RSS_KB" "$CASES" "$STORED" "$DURATION" "$RUNS" "$CONNS" "$PG_STORED" <<'PY'
import json, statistics, sys, os, subprocess, datetime
out, rss_kb, cases, stored, duration, runs, conns, pg_stored = sys.argv[1:]
rows = [json.loads(l) for l in open(os.path.join(out, "raw.jsonl"))]
med = {}
SCENARIOS = ["baseline", "read", "list", "submit", "submit_c256"]
APP = SCENARIOS[1:]
if pg_stored:
    SCENARIOS += ["pg_" + s for s in APP]
for s in SCENARIOS:
    rs = [r for r in rows if r["scenario"] == s]
    med[s] = {k: statistics.median(r[k] for r in rs) for k in ["rps", "p50_ms", "p99_ms", "non_2xx", "socket_errors"]}
mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
result = {"date": datetime.date.today().isoformat(), "nproc": os.cpu_count(), "memory_gib": round(mem, 1),
          "cases_in_db_before": int(cases), "cases_in_db_after": int(stored), "duration_s": int(duration),
          "runs": int(runs), "connections": int(conns), "peak_rss_mib": round(int(rss_kb) / 1024, 1),
          "median": med, "raw": rows}
json.dump(result, open(os.path.join(out, "results.json"), "w"), indent=1)
base = med["baseline"]["rps"]
print(f"\n{result['date']}, nproc {result['nproc']}, {result['memory_gib']} GiB, {cases} cases, "
      f"wrk -t1 -c{conns} -d{duration}s, median of {runs} runs")
print("| scenario | requests/s | ratio to baseline | p50 ms | p99 ms | non-2xx |")
print("| --- | --- | --- | --- | --- | --- |")
for s in SCENARIOS:
    m = med[s]
    print(f"| {s} | {m['rps']:.0f} | {m['rps']/base:.2f} | {m['p50_ms']:.2f} | {m['p99_ms']:.2f} | {m['non_2xx']:.0f} |")
print(f"\npeak RSS of jembatan serve: {result['peak_rss_mib']} MiB; cases stored after the run: {stored}")
if pg_stored:
    pg_rss = int(open(os.path.join(out, "pg_rss_kb")).read()) / 1024
    print("\nPostgreSQL (same province, same run), against SQLite and the baseline:")
    print("| scenario | SQLite requests/s | PostgreSQL requests/s | PostgreSQL / SQLite | PostgreSQL / baseline | PostgreSQL p99 ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    for s in APP:
        a, p = med[s], med["pg_" + s]
        print(f"| {s} | {a['rps']:.0f} | {p['rps']:.0f} | {p['rps']/a['rps']:.2f} | {p['rps']/base:.2f} | {p['p99_ms']:.2f} |")
    print(f"\npeak RSS of jembatan serve on PostgreSQL: {pg_rss:.1f} MiB; cases stored after the run: {pg_stored}")
PY
