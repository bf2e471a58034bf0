"""Abuse limits against the real binary (docs/operations.md, "Abuse limits"): one client cannot
flood the communes' inboxes, guess PINs across cases, or lock a user out; a refusal says when to
come back. The server trusts 127.0.0.1 as a proxy, so each test speaks as several clients by
X-Forwarded-For."""
import unittest

from harness import Server

PASSWORD = "jembatan-demo"


def new_case(i):
    return {"body": f"Jalan desa rusak berat, nomor {i}", "unit": "C001-V03",
            "category": "roads_bridges", "reporter": {"name": "Ibu Lan", "phone": "+84912345678"}}


def client(n):
    return {"X-Forwarded-For": f"203.0.113.{n}"}


class AbuseLimitsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # Public writes: a burst of 30 and one more a minute, so that the count is exact however
        # long the test takes (under 30 minutes).
        cls.s = Server(cases=50, rate_limits=True,
                       serve_args=["--trusted-proxy", "127.0.0.1",
                                   "--rate-limit", "public-write=1:30"])

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def count_cases(self):
        return int(self.s.sql("SELECT count(*) FROM cases")[0][0])

    def assertRefused(self, status, body, res, slug):
        self.assertEqual(status, 429, body)
        self.assertTrue(body["type"].endswith("/" + slug), body)
        self.assertGreaterEqual(int(res.getheader("Retry-After")), 1)

    def test_one_client_cannot_flood_the_inboxes(self):
        before = self.count_cases()
        answers = [self.s.request("POST", "/api/v1/cases", new_case(i), headers=client(1))
                   for i in range(50)]
        created = [a for a in answers if a[0] == 201]
        self.assertEqual(len(created), 30)
        for status, body, res in answers[30:]:
            self.assertRefused(status, body, res, "rate-limited")
        self.assertEqual(self.count_cases(), before + 30)  # a refusal stored nothing
        # Another client is not held back by the first; reads are not limited.
        status, body, _ = self.s.request("POST", "/api/v1/cases", new_case(99), headers=client(2))
        self.assertEqual(status, 201, body)
        status, _, _ = self.s.request("GET", "/api/v1/cases?limit=1", headers=client(1))
        self.assertEqual(status, 200)

    def test_pins_cannot_be_guessed_across_cases(self):
        receipts = []
        for i in range(46):
            status, body, _ = self.s.request("POST", "/api/v1/cases", new_case(i),
                                             headers=client(100 + i % 20))
            self.assertEqual(status, 201, body)
            receipts.append(body)
        answers = []
        for r in receipts:
            wrong = "000000" if r["pin"] != "000000" else "111111"
            for _ in range(5):
                answers.append(self.s.request("GET", f"/api/v1/cases/{r['code']}",
                                              headers={**client(50), "X-Case-Pin": wrong}))
        wrong_answers = [a for a in answers if a[0] == 401]
        self.assertEqual(len(wrong_answers), 20)  # 230 before: then the guesser waits
        for status, body, res in answers[20:]:
            self.assertEqual(status, 429, body)
            self.assertGreaterEqual(int(res.getheader("Retry-After")), 1)
        # The reporters are not locked out: the right PIN from their own address works.
        first = receipts[0]
        status, case, _ = self.s.request("GET", f"/api/v1/cases/{first['code']}",
                                         headers={**client(51), "X-Case-Pin": first["pin"]})
        self.assertEqual(status, 200, case)
        self.assertEqual(case["reporter"]["phone"], "+84912345678")

    def test_wrong_passwords_slow_the_guesser_not_the_user(self):
        for _ in range(5):
            status, body, _ = self.s.request(
                "POST", "/api/v1/session", {"name": "officer.bienson", "password": "wrong-one"},
                headers=client(60))
            self.assertEqual(status, 401, body)
        status, body, res = self.s.request(
            "POST", "/api/v1/session", {"name": "officer.bienson", "password": PASSWORD},
            headers=client(60))
        self.assertRefused(status, body, res, "too-many-attempts")
        self.assertEqual(res.getheader("Retry-After"), "60")
        known = body
        # The officer, from their own address, signs in at once.
        status, body, _ = self.s.request(
            "POST", "/api/v1/session", {"name": "officer.bienson", "password": PASSWORD},
            headers=client(61))
        self.assertEqual(status, 200, body)
        # A name nobody has is answered and slowed exactly alike.
        for _ in range(5):
            status, body, _ = self.s.request(
                "POST", "/api/v1/session", {"name": "nobody.at.all", "password": "wrong-one"},
                headers=client(62))
            self.assertEqual(status, 401, body)
        status, unknown, res2 = self.s.request(
            "POST", "/api/v1/session", {"name": "nobody.at.all", "password": "wrong-one"},
            headers=client(62))
        self.assertEqual(status, 429)
        self.assertEqual(res2.getheader("Retry-After"), "60")
        self.assertEqual(unknown["type"], known["type"])
        self.assertEqual(unknown["title"], known["title"])

    def test_concurrent_wrong_passwords_are_checked_five_times_at_most(self):
        import concurrent.futures
        def attempt(_):
            return self.s.request("POST", "/api/v1/session",
                                  {"name": "officer.sonhai", "password": "wrong-password"},
                                  headers=client(70))[0]
        with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
            statuses = list(pool.map(attempt, range(20)))
        self.assertEqual(statuses.count(401), 5, statuses)
        self.assertEqual(statuses.count(429), 15, statuses)

    def test_sign_ins_from_one_address_are_rate_limited(self):
        answers = [self.s.request("POST", "/api/v1/session",
                                  {"name": f"user.{i}", "password": "wrong-one"},
                                  headers=client(80)) for i in range(25)]
        statuses = [a[0] for a in answers]
        self.assertLessEqual(statuses.count(401), 21)  # a burst of 20, ~1 more in 3 s at most
        status, body, res = answers[-1]
        self.assertRefused(status, body, res, "rate-limited")

    def test_a_forged_forwarded_header_behind_no_trusted_proxy_is_ignored(self):
        s = Server(cases=5, rate_limits=True, serve_args=["--rate-limit", "public-write=1:2"])
        try:
            statuses = [s.request("POST", "/api/v1/cases", new_case(i), headers=client(i))[0]
                        for i in range(4)]
            self.assertEqual(statuses, [201, 201, 429, 429])
        finally:
            s.close()


if __name__ == "__main__":
    unittest.main()
