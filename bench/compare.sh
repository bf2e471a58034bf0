#!/usr/bin/env bash
# Two builds of jembatan, alternately, on copies of one database: did a change move the figures?
# Each round starts each binary on a fresh copy and runs the read, list and submit scenarios of
# bench/run.sh (wrk -t1 -cC -dD); rounds alternate A, B, A, B… so drift on a noisy machine hits
# both. Prints the median of each and the ratio B/A. Not a test: nothing here asserts a figure.
#
#   bench/compare.sh OLD_BINARY NEW_BINARY [--cases N] [--duration S] [--rounds R] [--connections C]
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1 B=$2; shift 2
CASES=100000 DURATION=8 ROUNDS=5 CONNS=64
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) CASES=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --connections) CONNS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
OUT=bench/out
mkdir -p "$OUT"
export BENCH_DIR="$PWD/bench"
SEED="$OUT/compare-seed-$CASES.db" DB="$OUT/compare.db" PORT=18180
if [ ! -f "$SEED" ]; then
  "$A" demo --db "$SEED.tmp" --cases "$CASES" | head -1
  mv "$SEED.tmp" "$SEED"
fi
sqlite3 "$SEED" "SELECT code FROM cases ORDER BY random() LIMIT 20000" > "$OUT/codes.txt"
export CODES_FILE="$PWD/$OUT/codes.txt"
: > "$OUT/compare.jsonl"
for round in $(seq 1 "$ROUNDS"); do
  for which in A B; do
    bin=$A; [ "$which" = B ] && bin=$B
    cp "$SEED" "$DB"; chmod 600 "$DB"; rm -f "$DB-wal" "$DB-shm"
    "$bin" --log-level warn serve --db "$DB" --listen "127.0.0.1:$PORT" --threads 2 \
      --sweep-interval 0 >/dev/null &
    pid=$!
    for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
    for scenario in read list submit; do
      wrk -t1 -c"$CONNS" -d"${DURATION}s" --timeout 10s -s "bench/$scenario.lua" "http://127.0.0.1:$PORT" \
        | grep '^{' | sed "s/^{/{\"which\":\"$which\",\"scenario\":\"$scenario\",\"round\":$round,/" >> "$OUT/compare.jsonl"
    done
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  done
done
python3 - "$OUT/compare.jsonl" "$A" "$B" "$CASES" "$DURATION" "$ROUNDS" "$CONNS" <<'PY'
import json, statistics, sys, os, datetime
path, a, b, cases, duration, rounds, conns = sys.argv[1:]
rows = [json.loads(l) for l in open(path)]
mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
print(f"{datetime.date.today()}, nproc {os.cpu_count()}, {mem:.1f} GiB, {cases} cases, "
      f"wrk -t1 -c{conns} -d{duration}s, {rounds} alternating rounds; A = {a}, B = {b}")
print("| scenario | A requests/s (median) | B requests/s (median) | B / A | A runs | B runs |")
print("| --- | --- | --- | --- | --- | --- |")
for s in ["read", "list", "submit"]:
    va = [r["rps"] for r in rows if r["scenario"] == s and r["which"] == "A"]
    vb = [r["rps"] for r in rows if r["scenario"] == s and r["which"] == "B"]
    ma, mb = statistics.median(va), statistics.median(vb)
    print(f"| {s} | {ma:.0f} | {mb:.0f} | {mb/ma:.2f} | {' '.join(f'{v:.0f}' for v in va)} | {' '.join(f'{v:.0f}' for v in vb)} |")
PY
