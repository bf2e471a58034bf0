"""/metrics, request ids and JSON logs against the real binary (docs/operations.md, "Metrics and
logs"). The exposition is checked by Prometheus' own `promtool check metrics`."""
import json
import re
import subprocess
import unittest

from harness import OFFICER_C001, Server


def new_case(i):
    return {"body": f"Lampu jalan mati di dusun, nomor {i}", "unit": "C001-V03",
            "category": "roads_bridges", "reporter": {"name": "Ibu Lan", "phone": "+84912345678"}}


def sample(text, name, **labels):
    """The value of one sample, or None."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        m = re.match(r"^([a-z_]+)(\{(.*)\})? (\S+)$", line)
        if m.group(1) != name:
            continue
        got = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(3) or ""))
        if got == {k: str(v) for k, v in labels.items()}:
            return float(m.group(4))
    return None


class MetricsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Server(cases=20, log_level="debug", log_format="json",
                       serve_args=["--rate-limit", "sign-in=1:1"])

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def metrics(self):
        status, body, res = self.s.request("GET", "/metrics")
        self.assertEqual(status, 200)
        self.assertEqual(res.getheader("Content-Type"), "text/plain; version=0.0.4; charset=utf-8")
        return body.decode()

    def test_the_exposition_passes_promtool_and_counts_what_happened(self):
        for i in range(3):
            status, _, _ = self.s.request("POST", "/api/v1/cases", new_case(i))
            self.assertEqual(status, 201)
        self.s.request("GET", "/api/v1/cases?limit=5", token=OFFICER_C001)
        self.s.request("GET", "/no/such/place/MKSECRETPATH")
        for _ in range(2):
            self.s.request("POST", "/api/v1/session", {"name": "x.y", "password": "wrong-one"})
        text = self.metrics()
        check = subprocess.run(["promtool", "check", "metrics"], input=text, text=True,
                               capture_output=True)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        self.assertEqual(sample(text, "jembatan_http_requests_total", method="POST",
                                route="/api/v1/cases", status=201), 3)
        self.assertEqual(sample(text, "jembatan_http_requests_total", method="GET",
                                route="/api/v1/cases", status=200), 1)
        # Any other path is "unmatched": a path never becomes a label.
        self.assertGreaterEqual(sample(text, "jembatan_http_requests_total", method="GET",
                                       route="unmatched", status=404), 1)
        self.assertNotIn("MKSECRETPATH", text)
        self.assertEqual(sample(text, "jembatan_http_request_duration_seconds_count",
                                method="POST", route="/api/v1/cases"), 3)
        self.assertEqual(sample(text, "jembatan_http_request_duration_seconds_bucket",
                                method="POST", route="/api/v1/cases", le="+Inf"), 3)
        self.assertEqual(sample(text, "jembatan_rate_limited_total", **{"class": "sign-in"}), 1)
        self.assertGreaterEqual(sample(text, "jembatan_writer_batch_size_count"), 3)
        self.assertEqual(sample(text, "jembatan_writer_queue_depth"), 0)
        self.assertGreater(sample(text, "jembatan_database_size_bytes"), 100_000)
        self.assertIsNotNone(sample(text, "jembatan_outbox_messages", status="pending"))
        self.assertIsNotNone(sample(text, "jembatan_outbox_messages", status="dead"))
        self.assertIsNotNone(sample(text, "jembatan_sweep_lag_seconds"))
        self.assertIsNotNone(sample(text, "jembatan_guesses_refused_total", secret="pin"))

    def test_the_app_does_not_answer_for_metrics(self):
        # Before, /metrics answered the browser app's HTML with 200.
        status, body, res = self.s.request("GET", "/metrics")
        self.assertFalse(body.lstrip().startswith(b"<"))

    def test_every_answer_has_a_request_id_and_the_log_lines_carry_it(self):
        status, _, res = self.s.request("GET", "/api/v1/categories",
                                        headers={"X-Request-Id": "probe-7f3a"})
        self.assertEqual(res.getheader("X-Request-Id"), "probe-7f3a")
        status, _, res = self.s.request("GET", "/api/v1/categories",
                                        headers={"X-Request-Id": "bad id\twith spaces"})
        made = res.getheader("X-Request-Id")
        self.assertRegex(made, r"^r[0-9a-f]{8}-\d+$")
        status, _, res2 = self.s.request("GET", "/api/v1/categories")
        self.assertNotEqual(res2.getheader("X-Request-Id"), made)
        lines = [json.loads(line) for line in self.s.log_text().splitlines()
                 if line.startswith("{")]
        self.assertTrue(lines)
        for entry in lines:
            self.assertEqual(set(entry), {"time", "level", "request_id", "message"})
        mine = [e for e in lines if e["request_id"] == "probe-7f3a"]
        self.assertTrue(mine, "the access line carries the request's id")
        self.assertIn("GET /api/v1/categories -> 200", mine[-1]["message"])


if __name__ == "__main__":
    unittest.main()
