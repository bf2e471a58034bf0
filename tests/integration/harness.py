"""Starts the real `jembatan` binary on a free port against a fresh demo database.

Only the standard library: the tests speak HTTP with http.client, so what they see is what any
client sees.

The engine: SQLite files by default; with JEMBATAN_TEST_ENGINE=postgres, a fresh database for
each Server on the PostgreSQL server named by JEMBATAN_TEST_POSTGRES_URL (scripts/with-postgres
starts a throwaway one), so every suite runs unchanged on both.
"""
import http.client
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

BIN = os.environ.get("JEMBATAN_BIN", os.path.join(os.path.dirname(__file__), "../../build/jembatan"))
ENGINE = os.environ.get("JEMBATAN_TEST_ENGINE", "sqlite")
_databases = 0


def _psql(url, sql):
    return subprocess.run(["psql", "-qAtX", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True,
                          capture_output=True, text=True).stdout

OFFICER_C001 = "jbt_demo_officer.bienson"   # Bien Son, C001
OFFICER_C002 = "jbt_demo_officer.sonhai"    # Son Hai, C002
SUPERVISOR = "jbt_demo_supervisor"          # province
MEMBER = "jbt_demo_member01"


def new_database(engine, folder):
    """A database URL nobody uses yet: a file in `folder`, or a new empty PostgreSQL database
    on the server of JEMBATAN_TEST_POSTGRES_URL (dropped by drop_database)."""
    global _databases
    if engine != "postgres":
        _databases += 1
        return os.path.join(folder, f"db{_databases}.db")
    _databases += 1
    name = f"it_{os.getpid()}_{_databases}"
    admin = os.environ["JEMBATAN_TEST_POSTGRES_URL"]
    _psql(admin, f"CREATE DATABASE {name} TEMPLATE template0")
    return admin.rsplit("/", 1)[0] + "/" + name


def drop_database(url):
    if url.startswith("postgresql://"):
        _psql(os.environ["JEMBATAN_TEST_POSTGRES_URL"],
              f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")


class Server:
    def __init__(self, cases=300, setup=(), serve_args=(), db=None, engine=None, registry=False,
                 nofile=None, log_level="warn", rate_limits=False, log_format="text"):
        """`setup`: CLI argument lists run against the database before the server starts
        (e.g. channel settings, which `serve` reads at start-up). `db`: serve this database
        as it is instead of a new demo province (its engine: `engine`, default ENGINE).
        `registry`: the demo with its registry (people, posts; seconds more on PostgreSQL).
        `nofile`: the server's open-file limit (soft and hard), as `ulimit -n` would set it.
        `log_level`: the server's; its log (standard output and error) is in `self.log.name`.
        `rate_limits`: serve with the abuse limits' defaults (test_abuse.py). Otherwise public
        writes, sign-ins and PIN checks are limited far above what any test sends, since tests
        of other things file hundreds of cases from one address in seconds."""
        self.nofile = nofile
        self.log_level = log_level
        self.log_format = log_format
        self.pump = None
        self.dir = tempfile.mkdtemp(prefix="jembatan-it-")
        self.pg_name = None
        if db is None:
            self.db = new_database(engine or ENGINE, self.dir)
            if (engine or ENGINE) == "postgres":
                self.pg_name = self.db.rsplit("/", 1)[1]
            subprocess.run([BIN, "demo", "--db", self.db, "--cases", str(cases),
                            *([] if registry else ["--no-registry"])], check=True,
                           stdout=subprocess.DEVNULL)
        else:
            self.db = db
        for args in setup:
            subprocess.run([BIN, *args[:2], "--db", self.db, *args[2:]], check=True,
                           stdout=subprocess.DEVNULL)
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        lenient = [] if rate_limits else [
            "--rate-limit", "public-write=100000", "--rate-limit", "sign-in=100000",
            "--rate-limit", "pin-check=100000"]
        self.serve_args = ["--sweep-interval", "0", *lenient, *serve_args]
        self.start(self.serve_args)

    def restart(self, extra):
        self.stop()
        self.start(extra)

    def start(self, extra):
        self.proc = subprocess.Popen(
            [BIN, "--log-level", self.log_level, "--log-format", self.log_format, "serve",
             "--db", self.db,
             "--listen", "127.0.0.1:0", *extra],
            stdout=subprocess.PIPE, stderr=self.log, text=True,
            preexec_fn=(lambda: resource.setrlimit(resource.RLIMIT_NOFILE,
                                                   (self.nofile, self.nofile)))
            if self.nofile else None)
        # The log (spdlog writes to standard output) goes to the log file, before the line
        # that gives the port and after it, so that tests read everything the server logged
        # and the pipe never fills.
        while True:
            line = self.proc.stdout.readline()
            if not line or "listening on" in line:
                break
            self.log.write(line)
        self.log.flush()
        if "listening on" not in line:
            self.proc.kill()
            with open(self.log.name) as f:
                raise RuntimeError("server did not start: " + line + f.read())
        self.port = int(line.strip().rsplit(":", 1)[1])
        self.pump = threading.Thread(target=self._pump, args=(self.proc.stdout,), daemon=True)
        self.pump.start()
        if not self.wait_healthy(10):
            raise RuntimeError("server not healthy")

    def wait_healthy(self, seconds):
        """Whether /healthz answers 200 within `seconds` (a bound, not a measure)."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return True
            except OSError:
                pass
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)

    def request(self, method, path, body=None, token=None, headers=None, raw=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
        if data is not None:
            h.setdefault("Content-Type", "application/json")
        if token:
            h["Authorization"] = "Bearer " + token
        conn.request(method, path, body=data, headers=h)
        res = conn.getresponse()
        payload = res.read()
        conn.close()
        ctype = res.getheader("Content-Type", "")
        parsed = json.loads(payload) if payload and "json" in ctype else payload
        return res.status, parsed, res

    def sql(self, query, *params):
        """Test setup and checks only, never product behaviour: one statement on the database
        behind the server (stopped, or between requests), `?` for each parameter. Rows as
        tuples of strings on PostgreSQL, of values on SQLite."""
        if self.db.startswith("postgresql://"):
            for p in params:
                literal = str(p) if isinstance(p, int) else "'" + str(p).replace("'", "''") + "'"
                query = query.replace("?", literal, 1)
            out = _psql(self.db, query)
            return [tuple(line.split("|")) for line in out.splitlines() if line]
        import sqlite3
        con = sqlite3.connect(self.db)
        try:
            rows = con.execute(query, params).fetchall()
            con.commit()
            return rows
        finally:
            con.close()

    def run_cli(self, *args):
        return subprocess.run([BIN, *args], check=True, capture_output=True, text=True).stdout

    def _pump(self, out):
        for line in out:
            self.log.write(line)
            self.log.flush()
        out.close()

    def log_text(self):
        """What the server has logged so far."""
        self.log.flush()
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.pump is not None:
            self.pump.join(timeout=15)
            self.pump = None
        if self.proc.returncode != 0:
            self.log.flush()
            with open(self.log.name) as f:
                print(f"\n--- server exited with {self.proc.returncode}; its log:\n{f.read()}",
                      file=sys.stderr)
        return self.proc.returncode

    def close(self):
        self.stop()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
        if self.pg_name:
            drop_database(self.db)
