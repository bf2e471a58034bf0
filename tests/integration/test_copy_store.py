"""Moving a province: `jembatan copy-store` from the suite's engine to the other one and back,
then every API answer of the copies compared with the original's (issue 15, point 8).

Needs a PostgreSQL server whatever the suite's engine (JEMBATAN_TEST_POSTGRES_URL, from
scripts/with-postgres): ctest runs it as copy_store (SQLite → PostgreSQL → SQLite) and
copy_store_postgres (PostgreSQL → SQLite → PostgreSQL)."""
import json
import os
import subprocess
import tempfile
import shutil
import unittest
import urllib.parse

from harness import BIN, ENGINE, MEMBER, OFFICER_C001, SUPERVISOR, Server, drop_database, new_database

SECRET = "smssync-copy-secret"
PLACE = "Bien Son Ban Quang 1"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8
PERIOD = "?from=2020-01-01&to=2030-12-31"
OTHER = "sqlite" if ENGINE == "postgres" else "postgres"
# SMS replies wait for the SMSSync phone, so no server delivers (and so changes) the outbox
# while the answers are compared.
SETUP = [("channel", "set", "sms", "smssync_secret", SECRET),
         ("channel", "set", "sms", "outbound", "smssync"),
         ("member", "link", "--user", "member01", "--channel", "sms", "--address", "+6281200001111"),
         ("user", "password", "--name", "officer.bienson", "--password", "copy-store-pass")]


def copy(src, dst):
    out = subprocess.run([BIN, "copy-store", "--from", src, "--to", dst], capture_output=True,
                         text=True)
    return out.returncode, out.stdout, out.stderr


class CopyStoreTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="jembatan-copy-")
        cls.src = Server(cases=400, setup=SETUP, registry=True)
        try:
            cls.fill_every_table(cls.src)
        except BaseException:
            cls.src.close()  # setUpClass failing skips tearDownClass: no server left running
            raise
        cls.src.stop()  # copied at rest; served again below for the comparison
        cls.mid = new_database(OTHER, cls.dir)
        cls.back = new_database(ENGINE, cls.dir)
        cls.first = copy(cls.src.db, cls.mid)
        cls.second = copy(cls.mid, cls.back)
        cls.src.start(cls.src.serve_args)
        cls.copies = [Server(db=cls.mid, engine=OTHER), Server(db=cls.back, engine=ENGINE)]

    @classmethod
    def tearDownClass(cls):
        for s in cls.copies:
            s.close()
        cls.src.close()
        drop_database(cls.mid)
        drop_database(cls.back)
        shutil.rmtree(cls.dir, ignore_errors=True)

    @classmethod
    def fill_every_table(cls, s):
        """Rows in every table copy-store moves, beyond what the demo writes."""
        status, receipt, _ = s.request(
            "POST", "/api/v1/cases", headers={"Idempotency-Key": "copy-1"},
            body={"category": "roads_bridges", "unit": "C001-V01", "title": "Cầu treo gãy",
                  "body": "Cầu treo bản Quang gãy một nhịp", "location": {"lat": 21.1, "lon": 104.2},
                  "reporter": {"name": "Lò Văn Á", "phone": "+6281299990000", "consent": True}})
        assert status == 201, receipt
        cls.code, cls.pin = receipt["code"], receipt["pin"]
        status, body, _ = s.request("POST", f"/api/v1/cases/{cls.code}/photos", raw=JPEG,
                                    headers={"X-Case-Pin": cls.pin, "Content-Type": "image/jpeg"})
        assert status == 201, body
        for text in (f"LAPOR {PLACE} pipa air bocor di bawah jembatan", "jalan rusak parah"):
            form = urllib.parse.urlencode({"from": "+6281277770000", "message": text,
                                           "message_id": "copy-" + text[:5], "secret": SECRET,
                                           "device_id": "1"}).encode()
            status, body, _ = s.request("POST", "/channels/sms/smssync", raw=form, headers={
                "Content-Type": "application/x-www-form-urlencoded"})
            assert status == 200, body
        status, body, _ = s.request("POST", "/api/v1/session",
                                    body={"name": "officer.bienson", "password": "copy-store-pass"})
        assert status == 200, body
        s.run_cli("open311", "key", "add", "--db", s.db, "--name", "kobo")

    def test_both_copies_verify_every_table(self):
        for code, out, err in (self.first, self.second):
            self.assertEqual(code, 0, err)
            self.assertIn("counts and checksums match", out)
        # Each line: table, rows, checksum; the same on the way there and back.
        there = [line.split("\t") for line in self.first[1].splitlines() if "\t" in line]
        back = [line.split("\t") for line in self.second[1].splitlines() if "\t" in line]
        self.assertEqual(there, back)
        rows = {t: int(n.split()[0]) for t, n, _ in there}
        self.assertEqual(len(rows), 32)
        for table in rows:
            self.assertGreater(rows[table], 0, f"{table} has no row to copy")
        self.assertEqual(rows["cases"], 400 + 2)
        self.assertEqual(rows["organizations"], 2018)  # the registry's demo (issue 16)

    def test_a_destination_with_data_is_refused_and_left_as_it_was(self):
        before = self.copies[0].request("GET", "/api/v1/cases?limit=1", token=SUPERVISOR)[1]
        code, _, err = copy(self.src.db, self.mid)
        self.assertNotEqual(code, 0)
        self.assertIn("not empty", err)
        self.assertEqual(self.copies[0].request("GET", "/api/v1/cases?limit=1", token=SUPERVISOR)[1],
                         before)

    def answers(self, s):
        """Every read the API offers, for every kind of caller that matters."""
        out = {}

        def get(path, **kw):
            status, body, res = s.request("GET", path, **kw)
            key = path + " " + json.dumps(kw, sort_keys=True)
            out[key] = (status, body if isinstance(body, (dict, list)) else bytes(body))

        codes = []
        cursor = ""
        while True:
            status, page, _ = s.request("GET", "/api/v1/cases?limit=100" + cursor, token=SUPERVISOR)
            self.assertEqual(status, 200)
            out["list" + cursor] = page
            codes += [c["code"] for c in page["cases"]]
            if not page["next_cursor"]:
                break
            cursor = "&cursor=" + page["next_cursor"]
        for code in codes:
            get(f"/api/v1/cases/{code}", token=SUPERVISOR)
            get(f"/api/v1/cases/{code}")
            get(f"/api/v1/cases/{code}/events", token=SUPERVISOR)
        get(f"/api/v1/cases/{self.code}", headers={"X-Case-Pin": self.pin})
        media = s.request("GET", f"/api/v1/cases/{self.code}", token=SUPERVISOR)[1]["media"]
        self.assertEqual(len(media), 1)
        get(media[0]["url"], token=SUPERVISOR)
        for path in ("/api/v1/cases?sort=due&limit=50", "/api/v1/cases?overdue=true&limit=50",
                     "/api/v1/cases?q=jembatan&limit=50", "/api/v1/cases?mine=true",
                     # A fixed period: by default the period ends now.
                     "/api/v1/stats/summary" + PERIOD, "/api/v1/stats/units" + PERIOD,
                     "/api/v1/stats/series" + PERIOD, "/api/v1/stats/units?parent=C001&" + PERIOD[1:], "/api/v1/units", "/api/v1/units/C001",
                     "/api/v1/places", "/api/v1/categories", "/api/v1/admin/outbox?limit=100",
                     "/open311/v2/requests.json", "/open311/v2/services.json",
                     "/api/v1/indicators/concurrency?at=2026-06-30",
                     "/api/v1/people?unit=C001&limit=100", "/api/v1/households?unit=C003&limit=100",
                     "/api/v1/organizations?unit=C001&limit=100",
                     "/api/v1/positions?unit=C001&limit=100", "/api/v1/people/DP-000005",
                     "/api/v1/elections?limit=100"):
            for token in (SUPERVISOR, OFFICER_C001, MEMBER, "jbt_demo_admin", None):
                get(path, token=token)
        return out

    def test_every_answer_of_both_copies_equals_the_original(self):
        original = self.answers(self.src)
        self.assertGreater(len(original), 1200)
        for copy_server in self.copies:
            copied = self.answers(copy_server)
            self.assertEqual(sorted(copied), sorted(original))
            for key in original:
                self.assertEqual(copied[key], original[key], key)

    def test_the_copies_keep_sessions_and_write_new_rows_after_the_copied_ids(self):
        for s in self.copies:
            status, body, res = s.request("POST", "/api/v1/session", body={
                "name": "officer.bienson", "password": "copy-store-pass"})
            self.assertEqual(status, 200, body)
            status, receipt, _ = s.request("POST", "/api/v1/cases", body={
                "category": "roads_bridges", "unit": "C001-V01", "body": "Jalan ambles"})
            self.assertEqual(status, 201, receipt)
            status, case, _ = s.request("GET", f"/api/v1/cases/{receipt['code']}", token=SUPERVISOR)
            self.assertEqual(status, 200)
            status, page, _ = s.request("GET", "/api/v1/cases?limit=1", token=SUPERVISOR)
            self.assertEqual(page["cases"][0]["code"], receipt["code"])  # newest: a fresh id


if __name__ == "__main__":
    unittest.main()
