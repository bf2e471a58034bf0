#!/usr/bin/env bash
# The registry's figures at province scale (issue 16, point 9): a demo province with 100,000 more
# people (one post each, bench/gen_registry.py) and 1,000,000 confirmed participation rows (ten per
# person over the demo's three campaigns), then each indicator and the award ranking over HTTP
# with wrk, RUNS times; prints medians and writes bench/out/mobilization/mobilization-STORE.json. The
# participation rows are written by SQL (a fill, not the importer: its speed is not what is
# measured here), so the province is built on SQLite; with --store postgres it is then copied
# (copy-store) into a PostgreSQL database of scripts/with-postgres, and the server runs on that.
# Not a test: nothing here asserts a figure.
#
#   bench/mobilization.sh [--people N] [--rows-per-person R] [--runs R] [--duration SECONDS]
#                         [--store postgres]
set -euo pipefail
cd "$(dirname "$0")/.."

PEOPLE=100000 PER=10 RUNS=3 DURATION=10 STORE=sqlite
while [ $# -gt 0 ]; do
  case "$1" in
    --people) PEOPLE=$2; shift 2 ;;
    --rows-per-person) PER=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --store) STORE=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$STORE" in sqlite|postgres) ;; *) echo "--store: sqlite or postgres" >&2; exit 2 ;; esac
if [ "$STORE" = postgres ] && [ -z "${JEMBATAN_TEST_POSTGRES_URL:-}" ]; then
  exec scripts/with-postgres "$0" --people "$PEOPLE" --rows-per-person "$PER" --runs "$RUNS" \
    --duration "$DURATION" --store postgres
fi
scripts/install-deps
command -v sqlite3 >/dev/null || apt-get install -y sqlite3 >/dev/null
BUILD_DIR=build-release BUILD_TYPE=Release scripts/build
OUT=bench/out/mobilization
mkdir -p "$OUT"
export BENCH_DIR="$PWD/bench"
BIN=build-release/jembatan
PORT=18086
DB="$OUT/mobilization.db"
SUPERVISOR=jbt_demo_supervisor

python3 bench/gen_registry.py "$PEOPLE" "$OUT"
rm -f "$DB"*
"$BIN" demo --db "$DB" --cases 6000 >/dev/null
chmod 600 "$DB"
"$BIN" import-registry --db "$DB" --table people "$OUT/people.csv" >/dev/null
"$BIN" import-registry --db "$DB" --table positions "$OUT/positions.csv" >/dev/null
# Ten rows per imported person, 1 to 4 days each, over PCTT, BIENGIOI and COVID19 in turn;
# confirmed; workdays = days (a named person), as core computes them.
sqlite3 "$DB" <<SQL
WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n + 1 < $PER),
c(i, id) AS (SELECT row_number() OVER (ORDER BY id) - 1, id FROM campaigns
             WHERE code IN ('PCTT', 'BIENGIOI', 'COVID19'))
INSERT INTO participations(campaign_id, person_id, unit_id, headcount, days, workdays, role,
                           confirmed, source)
SELECT c.id, p.id, p.unit_id, 1, 1 + (p.id + k.n) % 4, 1 + (p.id + k.n) % 4, 'bench', 1, 'csv'
FROM people p JOIN k JOIN c ON c.i = (p.id + k.n) % 3 WHERE p.code LIKE 'BP-%';
SQL
echo "participations: $(sqlite3 "$DB" 'SELECT count(*) FROM participations')," \
  "people: $(sqlite3 "$DB" 'SELECT count(*) FROM people')"

SERVE_DB=$DB
if [ "$STORE" = postgres ]; then
  psql -qAtX "$JEMBATAN_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS mobilization" \
    -c "CREATE DATABASE mobilization" >/dev/null
  SERVE_DB="${JEMBATAN_TEST_POSTGRES_URL%/*}/mobilization"
  "$BIN" copy-store --from "$DB" --to "$SERVE_DB" >/dev/null
fi
"$BIN" --log-level warn serve --db "$SERVE_DB" --listen "127.0.0.1:$PORT" --threads 2 \
  --sweep-interval 0 >/dev/null &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.05; done
curl -fs -H "Authorization: Bearer $SUPERVISOR" -H 'Content-Type: application/json' \
  "http://127.0.0.1:$PORT/api/v1/awards" -d '{"code":"BENCH","title":"Bench","unit":"P01",
  "from":"2020-01-01","to":"2026-12-31","criteria":[{"measure":"workdays","weight":1},
  {"measure":"campaigns","weight":5},{"measure":"posts_held","weight":10},
  {"measure":"reflections_forwarded","weight":2}]}' >/dev/null

# name|path|token (empty: anonymous)
SCENARIOS=(
  "mobilization_province|/api/v1/indicators/mobilization|"
  "mobilization_commune|/api/v1/indicators/mobilization?unit={c}|"
  "concurrency_province|/api/v1/indicators/concurrency|"
  "reflections_group|/api/v1/indicators/reflections?organization=TDV-NOI-COT|"
  "village_facts_province|/api/v1/indicators/village-facts|"
  "village_facts_commune|/api/v1/indicators/village-facts?unit={c}|"
  "ranking_group|/api/v1/awards/BENCH/ranking?kind=core_mobilization_group|$SUPERVISOR"
  "ranking_commune|/api/v1/awards/BENCH/ranking?unit={c}|$SUPERVISOR"
  "ranking_province_page|/api/v1/awards/BENCH/ranking|$SUPERVISOR"
)
: > "$OUT/wrk.jsonl"
echo "rss_kb_before $(ps -o rss= -p $PID)" > "$OUT/rss.txt"
for r in $(seq 1 "$RUNS"); do
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r name path token <<< "$s"
    BENCH_PATH=$path BENCH_TOKEN=$token wrk -t1 -c2 -d"${DURATION}s" --timeout 30s \
      -s bench/registry_paths.lua "http://127.0.0.1:$PORT" \
      | grep '^{' | sed "s/^{/{\"scenario\":\"$name\",/" >> "$OUT/wrk.jsonl"
  done
done
# The whole province's ranking (every post holder, ~106,000 rows), its largest page (1,000
# rows): a few requests, timed.
: > "$OUT/province_ranking.txt"
for r in $(seq 1 "$RUNS"); do
  curl -fs -o /dev/null -w '%{time_total} %{size_download}\n' \
    -H "Authorization: Bearer $SUPERVISOR" \
    "http://127.0.0.1:$PORT/api/v1/awards/BENCH/ranking?limit=1000" >> "$OUT/province_ranking.txt"
done
# The first read after a write: a participation entered (the mobilization and the province's
# ranking take it forward), a post recorded ("two shoulders" and the ranking are computed again),
# then the province's figures, timed. Five each.
: > "$OUT/after_write.txt"
auth=(-H "Authorization: Bearer $SUPERVISOR" -H 'Content-Type: application/json')
timed() {  # label url [token]
  echo "$1 $(curl -fs -o /dev/null -w '%{time_total}' ${3:+-H "Authorization: Bearer $3"} \
    "http://127.0.0.1:$PORT$2")" >> "$OUT/after_write.txt"
}
for i in 1 2 3 4 5; do
  curl -fs -o /dev/null "${auth[@]}" "http://127.0.0.1:$PORT/api/v1/campaigns/PCTT/participations" \
    -d "{\"person\":\"BP-000000$i\",\"days\":1}"
  timed mobilization_after_participation /api/v1/indicators/mobilization
  curl -fs -o /dev/null "${auth[@]}" "http://127.0.0.1:$PORT/api/v1/campaigns/PCTT/participations" \
    -d "{\"person\":\"BP-000002$i\",\"days\":2}"
  timed ranking_after_participation /api/v1/awards/BENCH/ranking "$SUPERVISOR"
done
for i in 1 2 3 4 5; do
  curl -fs -o /dev/null "${auth[@]}" "http://127.0.0.1:$PORT/api/v1/positions" \
    -d "{\"person\":\"BP-000001$i\",\"title\":\"deputy\",\"organization\":\"TDV-NOI-COT\",\"from\":\"2026-01-0$i\"}"
  timed concurrency_after_post /api/v1/indicators/concurrency
  timed ranking_after_post /api/v1/awards/BENCH/ranking "$SUPERVISOR"
done

echo "rss_kb_after $(ps -o rss= -p $PID)" >> "$OUT/rss.txt"
cat "$OUT/rss.txt"
python3 - "$OUT" "$PEOPLE" "$PER" "$STORE" <<'PY'
import json, os, statistics, sys, datetime
out, people, per, store = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
w = {}
for line in open(os.path.join(out, "wrk.jsonl")):
    row = json.loads(line)
    w.setdefault(row["scenario"], []).append(row)
prov = [tuple(map(float, l.split())) for l in open(os.path.join(out, "province_ranking.txt"))]
mem = os.popen("free -g | awk '/Mem:/ {print $2}'").read().strip()
res = {"date": datetime.date.today().isoformat(), "store": store, "people_added": people,
       "participations": people * per, "nproc": os.cpu_count(), "mem_gb": mem,
       "requests": {k: {"rps": statistics.median(r["rps"] for r in v),
                        "p50_ms": statistics.median(r["p50_ms"] for r in v),
                        "p99_ms": statistics.median(r["p99_ms"] for r in v),
                        "non_2xx": sum(r["non_2xx"] for r in v)} for k, v in w.items()},
       "province_ranking": {"median_s": statistics.median(t for t, _ in prov),
                            "bytes": int(prov[0][1])}}
after = {}
for line in open(os.path.join(out, "after_write.txt")):
    k, v = line.split()
    after.setdefault(k, []).append(float(v))
res["after_write_ms"] = {k: {"median": statistics.median(v) * 1000, "max": max(v) * 1000}
                         for k, v in after.items()}
json.dump(res, open(os.path.join(out, f"mobilization-{store}.json"), "w"), indent=1)
print(f"{store}: {people} people added, {people * per} participation rows, nproc {res['nproc']}, "
      f"{mem} GB, {res['date']}")
for k, v in res["requests"].items():
    print(f"  {k:24s} {v['rps']:8.0f} req/s  p50 {v['p50_ms']:8.2f} ms  p99 {v['p99_ms']:8.2f} ms"
          f"  non-2xx {v['non_2xx']}")
p = res["province_ranking"]
print(f"  province ranking, a page of 1,000: {p['median_s'] * 1000:.0f} ms median, {p['bytes']} bytes")
for k, v in res["after_write_ms"].items():
    print(f"  first read, {k}: median {v['median']:.1f} ms, max {v['max']:.1f} ms (of 5)")
PY
