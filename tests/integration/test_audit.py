"""The tamper-evident record against the real binary (docs/operations.md, "The record"): every
event is chained; `jembatan audit verify` names an event changed by one byte, a removed event
and removed newest events; a signed digest kept off the server proves the head it saw."""
import os
import shutil
import subprocess
import tempfile
import unittest

from harness import BIN, ENGINE, OFFICER_C001, Server


def run(*args):
    out = subprocess.run([BIN, *args], capture_output=True, text=True)
    return out.returncode, out.stdout, out.stderr


class AuditTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="jembatan-audit-")
        self.key = os.path.join(self.dir, "record.key")
        code, out, err = run("audit", "keygen", "--key", self.key)
        self.assertEqual(code, 0, err)
        self.public = out.strip().splitlines()[-1]
        self.s = Server(cases=30, serve_args=["--audit-key", self.key, "--digest-dir", self.dir])
        status, c, _ = self.s.request("POST", "/api/v1/cases", {
            "body": "Jembatan gantung putus", "unit": "C001-V03", "category": "roads_bridges"})
        self.code = c["code"]
        self.s.request("POST", f"/api/v1/cases/{self.code}/actions/accept", token=OFFICER_C001)

    def tearDown(self):
        self.s.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def verify(self, *extra):
        return run("audit", "verify", "--db", self.s.db, *extra)

    def tamper(self, sql):
        """Change the stored events behind the server's back, as an intruder with the database
        would: past the append-only trigger."""
        if ENGINE == "postgres":
            self.s.sql("ALTER TABLE events DISABLE TRIGGER events_no_update")
            self.s.sql(sql)
            self.s.sql("ALTER TABLE events ENABLE TRIGGER events_no_update")
        else:
            for (name,) in self.s.sql("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                      "AND tbl_name = 'events'"):
                self.s.sql(f"DROP TRIGGER {name}")
            self.s.sql(sql)

    def event_id(self, kind):
        return int(self.s.sql("SELECT e.id FROM events e JOIN cases c ON c.id = e.case_id "
                              "WHERE c.code = ? AND e.kind = ?", self.code, kind)[0][0])

    def test_an_untouched_record_verifies(self):
        code, out, err = self.verify()
        self.assertEqual(code, 0, out + err)
        self.assertIn("the record is intact", out)
        self.assertNotIn("TAMPERED", out)

    def test_one_byte_changed_in_one_event_is_named(self):
        accepted = self.event_id("accepted")
        self.tamper(f"UPDATE events SET actor = 'officer.bienxon' WHERE id = {accepted}")
        code, out, _ = self.verify()
        self.assertEqual(code, 1)
        tampered = [l for l in out.splitlines() if l.startswith("TAMPERED")]
        self.assertEqual(len(tampered), 1, out)
        self.assertIn(f"event {accepted} ", tampered[0])

    def test_a_removed_event_and_removed_newest_events_are_found(self):
        submitted = self.event_id("submitted")
        self.tamper(f"DELETE FROM events WHERE id = {submitted}")
        code, out, _ = self.verify()
        self.assertEqual(code, 1)
        self.assertIn("removed", out)
        last = int(self.s.sql("SELECT max(id) FROM events")[0][0])
        self.tamper(f"DELETE FROM events WHERE id = {last}")
        code, out, _ = self.verify()
        self.assertIn("events at the end were removed", out)

    def test_a_digest_kept_off_the_server_proves_the_head_it_saw(self):
        with open(os.path.join(self.dir, "digests.jsonl")) as f:
            first = f.read().splitlines()[0]  # serve signed one at start
        kept = os.path.join(self.dir, "kept.json")
        code, line, err = run("audit", "digest", "--db", self.s.db, "--key", self.key)
        self.assertEqual(code, 0, err)
        with open(kept, "w") as f:
            f.write(line)
        code, out, err = self.verify("--digest", kept, "--public-key", self.public)
        self.assertEqual(code, 0, out + err)
        self.assertIn("signed by that key and still in the record", out)
        # Another key's digest, or an edited one, is refused.
        code, other, _ = run("audit", "keygen", "--key", os.path.join(self.dir, "other.key"))
        code, out, err = self.verify("--digest", kept, "--public-key",
                                     other.strip().splitlines()[-1])
        self.assertNotEqual(code, 0)
        self.assertIn("signature does not match", err)
        with open(kept, "w") as f:
            f.write(line.replace('"events":', '"events":1'))
        code, out, err = self.verify("--digest", kept, "--public-key", self.public)
        self.assertNotEqual(code, 0)
        # The record rewritten after the digest, hashes and all: the digest's head is gone.
        with open(kept, "w") as f:
            f.write(first)
        head = int(self.s.sql("SELECT last_event_id FROM event_chain")[0][0])
        self.tamper(f"UPDATE events SET chain_hash = 'x' WHERE id <= {head}")
        code, out, _ = self.verify("--digest", kept, "--public-key", self.public)
        self.assertEqual(code, 1)


if __name__ == "__main__":
    unittest.main()
