#!/usr/bin/env bash
# The registry's figures (issue 16): CSV import of PEOPLE people (default 100,000) and of one post
# each, and the "two shoulders" indicator's latency over HTTP (province and communes) on that
# province. Prints medians of RUNS runs (default 3) and writes bench/out/registry.json. Not a
# test: nothing here asserts a figure.
#
#   bench/registry.sh [--people N] [--runs R] [--duration SECONDS] [--store postgres]
set -euo pipefail
cd "$(dirname "$0")/.."

PEOPLE=100000 RUNS=3 DURATION=10 STORE=sqlite
while [ $# -gt 0 ]; do
  case "$1" in
    --people) PEOPLE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --store) STORE=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$STORE" in sqlite|postgres) ;; *) echo "--store: sqlite or postgres" >&2; exit 2 ;; esac
if [ "$STORE" = postgres ] && [ -z "${JEMBATAN_TEST_POSTGRES_URL:-}" ]; then
  exec scripts/with-postgres "$0" --people "$PEOPLE" --runs "$RUNS" --duration "$DURATION" \
    --store postgres
fi
scripts/install-deps
BUILD_DIR=build-release BUILD_TYPE=Release scripts/build
OUT=bench/out/registry
mkdir -p "$OUT"
export BENCH_DIR="$PWD/bench"
BIN=build-release/jembatan
PORT=18085
python3 bench/gen_registry.py "$PEOPLE" "$OUT"

fresh_db() {  # a new demo province (with its registry), printed as a store URL
  local n=$1
  if [ "$STORE" = postgres ]; then
    local base=${JEMBATAN_TEST_POSTGRES_URL%/*}
    psql -qAtX "$JEMBATAN_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS reg_$n" \
      -c "CREATE DATABASE reg_$n" >/dev/null
    "$BIN" demo --db "$base/reg_$n" --cases 1000 >/dev/null
    echo "$base/reg_$n"
  else
    rm -f "$OUT/reg_$n.db"*
    "$BIN" demo --db "$OUT/reg_$n.db" --cases 1000 >/dev/null
    chmod 600 "$OUT/reg_$n.db"
    echo "$OUT/reg_$n.db"
  fi
}

seconds() { python3 -c 'import sys,time; t=time.time(); import subprocess; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); print(f"{time.time()-t:.3f}")' "$@"; }

: > "$OUT/raw.txt"
for r in $(seq 1 "$RUNS"); do
  DB=$(fresh_db "$r")
  echo "import_people $(seconds "$BIN" import-registry --db "$DB" --table people "$OUT/people.csv")" >> "$OUT/raw.txt"
  echo "import_positions $(seconds "$BIN" import-registry --db "$DB" --table positions "$OUT/positions.csv")" >> "$OUT/raw.txt"
  echo "reimport_people $(seconds "$BIN" import-registry --db "$DB" --table people "$OUT/people.csv")" >> "$OUT/raw.txt"
done

"$BIN" --log-level warn serve --db "$DB" --listen "127.0.0.1:$PORT" --threads 2 \
  --sweep-interval 0 >/dev/null &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.05; done
curl -fs "http://127.0.0.1:$PORT/api/v1/indicators/concurrency" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print("province:", d["concurrent"], "of", d["villages"], d["rate"])'
: > "$OUT/wrk.jsonl"
for r in $(seq 1 "$RUNS"); do
  # province and commune with 4 connections (2 per I/O thread: queueing shows), and the province
  # with 1 connection (one dashboard at a time).
  for scenario in province commune province_c1; do
    unit=""; conns=4
    case "$scenario" in province) unit=P01 ;; province_c1) unit=P01; conns=1 ;; esac
    INDICATOR_UNIT=$unit wrk -t1 -c"$conns" -d"${DURATION}s" --timeout 10s -s bench/indicator.lua \
      "http://127.0.0.1:$PORT" | grep '^{' | sed "s/^{/{\"scenario\":\"$scenario\",/" >> "$OUT/wrk.jsonl"
  done
done

python3 - "$OUT" "$PEOPLE" "$STORE" <<'PY'
import json, os, statistics, subprocess, sys, datetime
out, people, store = sys.argv[1:]
t = {}
for line in open(os.path.join(out, "raw.txt")):
    k, v = line.split()
    t.setdefault(k, []).append(float(v))
w = {}
for line in open(os.path.join(out, "wrk.jsonl")):
    row = json.loads(line)
    w.setdefault(row["scenario"], []).append(row)
mem = os.popen("free -g | awk '/Mem:/ {print $2}'").read().strip()
res = {"date": datetime.date.today().isoformat(), "store": store, "people": int(people),
       "nproc": os.cpu_count(), "mem_gb": mem,
       "import_s": {k: statistics.median(v) for k, v in t.items()},
       "indicator": {k: {"rps": statistics.median(r["rps"] for r in v),
                         "p50_ms": statistics.median(r["p50_ms"] for r in v),
                         "p99_ms": statistics.median(r["p99_ms"] for r in v),
                         "non_2xx": sum(r["non_2xx"] for r in v)} for k, v in w.items()}}
json.dump(res, open(os.path.join(out, f"registry-{store}.json"), "w"), indent=1)
print(f"store {store}, {people} people, nproc {res['nproc']}, {mem} GB, {res['date']}")
for k, v in res["import_s"].items():
    print(f"  {k:18s} {v:8.2f} s (median of {len(t[k])})")
for k, v in res["indicator"].items():
    print(f"  indicator {k:9s} {v['rps']:8.0f} req/s  p50 {v['p50_ms']:.2f} ms  p99 {v['p99_ms']:.2f} ms  non-2xx {v['non_2xx']}")
PY
