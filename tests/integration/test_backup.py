"""Backups against the real binary (docs/operations.md, "Backups"): `jembatan backup` while the
server writes, `jembatan restore` into a new database verified against the backup's checksums,
every API answer of the restored copy equal to the original's, a tampered backup caught, and
serve's scheduled backups with their retention. On the suite's engine (SQLite's online backup
API; pg_dump and pg_restore for PostgreSQL)."""
import glob
import os
import shutil
import subprocess
import tempfile
import threading
import time
import unittest

import test_copy_store as copy_store
from harness import BIN, ENGINE, SUPERVISOR, Server, drop_database, new_database


def run(*args):
    out = subprocess.run([BIN, *args], capture_output=True, text=True)
    return out.returncode, out.stdout, out.stderr


class BackupTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="jembatan-backup-")
        cls.dbs = []
        cls.src = Server(cases=400, setup=copy_store.SETUP, registry=True)
        try:
            copy_store.CopyStoreTest.fill_every_table.__func__(cls, cls.src)
            cls.before = cls.count(cls.src)
            # A backup while a client files cases: it is one moment of the database.
            writer = threading.Thread(target=cls.file_cases, args=(40,))
            writer.start()
            cls.under_writes = os.path.join(cls.dir, "under-writes.bak")
            cls.first = run("backup", "--db", cls.src.db, "--to", cls.under_writes)
            writer.join()
            cls.after = cls.count(cls.src)
            # At rest (still serving) for the comparison of every answer.
            cls.file = os.path.join(cls.dir, "at-rest.bak")
            cls.second = run("backup", "--db", cls.src.db, "--to", cls.file)
            cls.restored_db = cls.new_db()
            cls.restore = run("restore", "--from", cls.file, "--db", cls.restored_db)
            cls.restored = Server(db=cls.restored_db, engine=ENGINE)
        except BaseException:
            cls.src.close()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.restored.close()
        cls.src.close()
        for db in cls.dbs:
            drop_database(db)
        shutil.rmtree(cls.dir, ignore_errors=True)

    @classmethod
    def new_db(cls):
        db = new_database(ENGINE, cls.dir)
        cls.dbs.append(db)
        return db

    @classmethod
    def count(cls, s):
        return s.request("GET", "/api/v1/stats/summary?from=2000-01-01&to=2100-01-01",
                         token=SUPERVISOR)[1]["received"]

    @classmethod
    def file_cases(cls, n):
        for i in range(n):
            status, body, _ = cls.src.request("POST", "/api/v1/cases", {
                "body": f"Jalan rusak berat nomor {i}", "unit": "C001-V03",
                "category": "roads_bridges"})
            assert status == 201, body

    def test_a_backup_taken_under_writes_restores_to_one_moment(self):
        code, out, err = self.first
        self.assertEqual(code, 0, err)
        self.assertIn("backed up", out)
        db = self.new_db()
        code, out, err = run("restore", "--from", self.under_writes, "--db", db)
        self.assertEqual(code, 0, err)
        self.assertIn("counts and checksums match", out)
        s = Server(db=db, engine=ENGINE)
        try:
            n = self.count(s)
        finally:
            s.close()
        self.assertGreaterEqual(n, self.before)
        self.assertLessEqual(n, self.after)
        self.assertEqual(self.after, self.before + 40)

    def test_every_answer_of_the_restored_copy_equals_the_original(self):
        code, out, err = self.restore
        self.assertEqual(code, 0, err)
        self.assertIn("counts and checksums match", out)
        self.assertIn("cases\t", out)
        original = copy_store.CopyStoreTest.answers(self, self.src)
        self.assertGreater(len(original), 1200)
        copied = copy_store.CopyStoreTest.answers(self, self.restored)
        self.assertEqual(sorted(copied), sorted(original))
        for key in original:
            self.assertEqual(copied[key], original[key], key)

    def test_the_backup_and_its_checksums_are_for_the_owner_only(self):
        for f in (self.file, self.file + ".sums"):
            self.assertEqual(os.stat(f).st_mode & 0o077, 0, f)

    def test_a_restore_never_overwrites_and_a_tampered_backup_is_caught(self):
        code, _, err = run("restore", "--from", self.file, "--db", self.src.db)
        self.assertNotEqual(code, 0)
        self.assertTrue("exists" in err or "not empty" in err, err)
        code, _, err = run("backup", "--db", self.src.db, "--to", self.file)
        self.assertNotEqual(code, 0)  # nor does a backup
        # One row count changed in the checksums: the restore says which table differs.
        tampered = os.path.join(self.dir, "tampered.bak")
        shutil.copy(self.file, tampered)
        with open(self.file + ".sums") as f:
            lines = f.read().splitlines()
        lines = [("cases\t999999\t" + l.split("\t")[2]) if l.startswith("cases\t") else l
                 for l in lines]
        with open(tampered + ".sums", "w") as f:
            f.write("\n".join(lines) + "\n")
        code, _, err = run("restore", "--from", tampered, "--db", self.new_db())
        self.assertNotEqual(code, 0)
        self.assertIn("table cases differs", err)
        code, _, err = run("restore", "--from", tampered + ".sums", "--db", self.new_db())
        self.assertNotEqual(code, 0)  # not a backup at all

    def test_serve_takes_scheduled_backups_and_keeps_the_newest(self):
        folder = os.path.join(self.dir, "scheduled")
        os.makedirs(folder)
        ext = "pgdump" if ENGINE == "postgres" else "db"
        for day in ("20200101", "20200102", "20200103"):
            for suffix in ("", ".sums"):
                open(os.path.join(folder, f"jembatan-{day}T000000Z.{ext}{suffix}"), "w").close()
        open(os.path.join(folder, "notes.txt"), "w").close()
        s = Server(cases=10, serve_args=["--backup-dir", folder, "--backup-keep", "2"])
        try:
            for _ in range(300):
                if os.path.exists(os.path.join(folder, "jembatan-20200102T000000Z." + ext)):
                    time.sleep(0.1)
                    continue
                break
            names = sorted(os.path.basename(p) for p in glob.glob(os.path.join(folder, "*")))
            new = [n for n in names if n.startswith("jembatan-2") and not n.startswith(
                "jembatan-2020") and n.endswith("." + ext)]
            self.assertEqual(len(new), 1, names)
            self.assertEqual(names, sorted([f"jembatan-20200103T000000Z.{ext}",
                                            f"jembatan-20200103T000000Z.{ext}.sums",
                                            new[0], new[0] + ".sums", "notes.txt"]))
            text = s.request("GET", "/metrics")[1].decode()
            line = [l for l in text.splitlines()
                    if l.startswith("jembatan_backup_last_success_timestamp_seconds ")][0]
            self.assertGreater(float(line.split()[1]), time.time() - 600)
            db = self.new_db()
            code, out, err = run("restore", "--from", os.path.join(folder, new[0]), "--db", db)
            self.assertEqual(code, 0, err)
        finally:
            s.close()


if __name__ == "__main__":
    unittest.main()
