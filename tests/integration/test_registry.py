"""The registry over HTTP (issue 16): organizations, people, households and positions within the
caller's unit, terms that may not overlap, and the "two shoulders" indicator read from the demo
province's records (64.99 %: 1,125 of 1,731 villages)."""
import unittest

from harness import MEMBER, OFFICER_C001, OFFICER_C002, SUPERVISOR, Server


class RegistryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Server(cases=20, registry=True)
        # Read before any test records a post (tests run in name order).
        cls.province = cls.s.request("GET", "/api/v1/indicators/concurrency")[1]

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def get(self, path, token=SUPERVISOR):
        status, body, _ = self.s.request("GET", path, token=token)
        self.assertEqual(status, 200, body)
        return body

    def post(self, path, body, token=OFFICER_C001, headers=None):
        status, r, _ = self.s.request("POST", path, body, token=token, headers=headers)
        return status, r

    def every(self, path, key):
        """Every row of a paged list, following next_after."""
        rows, after = [], 0
        while True:
            sep = "&" if "?" in path else "?"
            body = self.get(f"{path}{sep}limit=100&after={after}")
            rows += body[key]
            if body["next_after"] is None:
                return rows
            after = body["next_after"]

    # The indicator on the demo province.

    def test_the_province_reads_64_99_percent_from_its_records(self):
        body = self.province
        self.assertEqual((body["concurrent"], body["villages"], body["rate"]), (1125, 1731, "64.99"))
        self.assertEqual(body["unit"]["code"], "P01")
        self.assertEqual(len(body["without"]), 606)
        self.assertEqual(body["target"], {"rate": "100.00", "by": "2025-12-31"})
        self.assertEqual(body["gap"], "35.01")
        trend = body["trend"]
        self.assertEqual(len(trend), 12)
        self.assertEqual(trend[-1]["at"], body["at"])
        self.assertEqual(trend[-1]["rate"], "64.99")
        rates = [float(m["rate"]) for m in trend]
        self.assertEqual(rates, sorted(rates))  # the demo's heads came to it during the year
        self.assertLess(rates[0], rates[-1])

    def test_a_commune_and_a_past_day_are_read_the_same_way(self):
        c001 = self.get("/api/v1/indicators/concurrency?unit=C001", token=None)
        self.assertEqual(c001["villages"], 18)
        self.assertEqual(c001["concurrent"] + len(c001["without"]), 18)
        self.assertTrue(all(v["code"].startswith("C001-") for v in c001["without"]))
        # The day before the merger, the villages were the old communes' (the demo keeps six),
        # and no post had begun: 0 of 6. Before any village existed: no rate at all.
        before = self.get("/api/v1/indicators/concurrency?at=2025-06-30", token=None)
        self.assertEqual((before["concurrent"], before["villages"], before["rate"]), (0, 6, "0.00"))
        none = self.get("/api/v1/indicators/concurrency?at=2000-01-01", token=None)
        self.assertEqual((none["villages"], none["rate"], none["gap"]), (0, None, None))

    def test_the_indicator_refuses_what_it_cannot_read(self):
        for query, status in [("?at=2026-13-01", 400), ("?at=yesterday", 400),
                              ("?unit=NOWHERE", 422), ("?colour=red", 400)]:
            with self.subTest(query=query):
                got, body, _ = self.s.request("GET", "/api/v1/indicators/concurrency" + query)
                self.assertEqual(got, status, body)

    # The demo's seeds, traceable to records.

    def test_the_demo_holds_the_seeds_groups_and_households(self):
        militia = self.every("/api/v1/organizations?kind=militia_unit", "organizations")
        self.assertEqual(len(militia), 284)
        core = self.every("/api/v1/positions?organization=TDV-NOI-COT", "positions")
        self.assertEqual(len(core), 75)
        prestigious = 0
        for p in core:
            person = self.get(f"/api/v1/people/{p['person']['code']}")
            prestigious += person["prestigious"]
            self.assertTrue(person["has_account"])
        self.assertEqual(prestigious, 73)
        team = self.every("/api/v1/positions?organization=TDV-CONG-LAU", "positions")
        self.assertEqual(len(team), 7)
        self.assertEqual({p["unit"] for p in team}, {"C001-V03"})
        lem = self.every("/api/v1/households?unit=C003-V03", "households")
        self.assertEqual(len(lem), 63)
        self.assertEqual(sum(h["poverty"] == "poor" for h in lem), 12)
        self.assertEqual(lem[0]["unit"]["name"], "Lem")

    # Recording, scope and terms.

    def test_a_village_gains_two_shoulders_when_its_secretary_is_elected_head(self):
        before = self.get("/api/v1/indicators/concurrency?unit=C001&at=2026-12-01", token=None)
        village = before["without"][0]["code"]
        heads = self.get(f"/api/v1/positions?unit={village}&at=2026-12-01")["positions"]
        head = next(p for p in heads if p["title"] == "village_head")
        secretary = next(p for p in heads if p["title"] == "cell_secretary")
        # The post is held: a second head for the same days is refused, and nothing is stored.
        status, r = self.post("/api/v1/positions", {
            "person": secretary["person"]["code"], "title": "village_head", "unit": village,
            "from": "2026-11-01", "elected": True})
        self.assertEqual(status, 409, r)
        self.assertIn(str(head["id"]), r["detail"])
        status, r = self.post(f"/api/v1/positions/{head['id']}/end", {"to": "2026-11-30"})
        self.assertEqual(status, 200, r)
        self.assertEqual(r["to"], "2026-11-30")
        status, r = self.post(f"/api/v1/positions/{head['id']}/end", {"to": "2026-11-30"})
        self.assertEqual(status, 409, r)  # history is not rewritten
        status, r = self.post("/api/v1/positions", {
            "person": secretary["person"]["code"], "title": "village_head", "unit": village,
            "from": "2026-12-01", "elected": True})
        self.assertEqual(status, 201, r)
        self.assertEqual(r["person"]["code"], secretary["person"]["code"])
        after = self.get("/api/v1/indicators/concurrency?unit=C001&at=2026-12-01", token=None)
        self.assertEqual(after["concurrent"], before["concurrent"] + 1)
        self.assertNotIn(village, [v["code"] for v in after["without"]])
        # The day before, the old head still counts: history decides, not the latest row.
        earlier = self.get("/api/v1/indicators/concurrency?unit=C001&at=2026-11-30", token=None)
        self.assertIn(village, [v["code"] for v in earlier["without"]])
        person = self.get(f"/api/v1/people/{secretary['person']['code']}")
        self.assertEqual([p["title"] for p in person["positions"]],
                         ["cell_secretary", "village_head"])

    def test_records_are_created_once_within_the_callers_unit(self):
        status, hh = self.post("/api/v1/households", {
            "code": "T-HH-1", "unit": "C001-V05", "head_name": "Hà Văn Lực", "size": 5,
            "poverty": "near_poor", "poverty_assessed": "2026-10-01", "phone": "0912 000 111"})
        self.assertEqual(status, 201, hh)
        self.assertEqual(hh["phone"], "0912000111")
        person = {"code": "T-P-1", "name": "Hà Thị Mây", "sex": "female", "birth_year": 1988,
                  "ethnic_group": "Tày", "unit": "C001-V05", "household": "T-HH-1",
                  "party_member": True}
        status, p = self.post("/api/v1/people", person, headers={"Idempotency-Key": "t-p-1"})
        self.assertEqual(status, 201, p)
        # The same key and body: the stored answer, nothing new. A new key: the code is taken.
        status, again = self.post("/api/v1/people", person, headers={"Idempotency-Key": "t-p-1"})
        self.assertEqual((status, again), (201, p))
        status, r = self.post("/api/v1/people", {"code": "T-P-1", "name": "X", "unit": "C001-V05"})
        self.assertEqual(status, 409, r)
        got = self.get("/api/v1/people/T-P-1", token=OFFICER_C001)
        self.assertEqual((got["household"], got["ethnic_group"], got["birth_year"]),
                         ("T-HH-1", "Tày", 1988))
        # Another commune's village is outside Bien Son's officer; a member records nothing.
        status, r = self.post("/api/v1/people", {"code": "T-P-2", "name": "X", "unit": "C002-V01"})
        self.assertEqual(status, 403, r)
        status, r = self.post("/api/v1/people", {"code": "T-P-3", "name": "X", "unit": "C001-V05"},
                              token=MEMBER)
        self.assertEqual(status, 403, r)
        status, r, _ = self.s.request("GET", "/api/v1/people/T-P-1", token=OFFICER_C002)
        self.assertEqual(status, 404, r)
        # A supervisor reaches every commune.
        status, r = self.post("/api/v1/organizations", {
            "code": "T-YOUTH", "kind": "youth_club", "name": "CLB thanh niên", "unit": "C002"},
            token=SUPERVISOR)
        self.assertEqual(status, 201, r)

    def test_bad_input_is_refused_and_changes_nothing(self):
        person = {"code": "B1", "name": "X", "unit": "C001-V01"}
        position = {"person": "DP-000001", "title": "member", "unit": "C001-V01",
                    "from": "2026-01-01"}
        cases = [
            ("/api/v1/people", {**person, "shoe": 42}, 400),
            ("/api/v1/people", {**person, "name": 7}, 400),
            ("/api/v1/people", {**person, "code": "B 1"}, 400),
            ("/api/v1/people", {**person, "name": "X" * 201}, 400),
            ("/api/v1/people", {**person, "phone": "12"}, 400),
            ("/api/v1/people", {**person, "birth_year": 1800}, 400),
            ("/api/v1/people", {**person, "party_member": "yes"}, 400),
            ("/api/v1/people", {**person, "unit": "NOWHERE"}, 422),
            ("/api/v1/people", {**person, "household": "NO-SUCH"}, 422),
            ("/api/v1/people", {**person, "user": "nobody"}, 422),
            ("/api/v1/households", {"code": "B2", "unit": "C001-V01", "head_name": "X",
                                    "size": 3, "poverty": "poor"}, 400),
            ("/api/v1/households", {"code": "B2", "unit": "C001-V01", "head_name": "X",
                                    "size": 0}, 400),
            ("/api/v1/organizations", {"code": "B3", "kind": "club", "name": "X",
                                       "unit": "C001"}, 400),
            ("/api/v1/positions", {**position, "person": "NO-ONE"}, 422),
            ("/api/v1/positions", {**position, "title": "king"}, 400),
            ("/api/v1/positions", {**position, "organization": "CELL-C001-V01"}, 400),
            ("/api/v1/positions", {**position, "from": "2026-02-01", "to": "2026-01-01"}, 400),
            ("/api/v1/positions", {**position, "from": "1 Jan"}, 400),
        ]
        before = self.get("/api/v1/people?unit=C001&limit=100")
        for path, body, status in cases:
            with self.subTest(path=path, body=body):
                got, r = self.post(path, body)
                self.assertEqual(got, status, r)
        got, r, _ = self.s.request("POST", "/api/v1/people", raw=b'{"code":"B9","name":"\xff"}',
                                   token=OFFICER_C001,
                                   headers={"Content-Type": "application/json"})
        self.assertEqual(got, 400, r)
        self.assertEqual(self.get("/api/v1/people?unit=C001&limit=100"), before)

    def test_lists_page_in_id_order(self):
        first = self.get("/api/v1/people?unit=C001&limit=3", token=OFFICER_C001)
        self.assertEqual(len(first["people"]), 3)
        second = self.get(f"/api/v1/people?unit=C001&limit=3&after={first['next_after']}",
                          token=OFFICER_C001)
        codes = [p["code"] for p in first["people"] + second["people"]]
        self.assertEqual(codes, sorted(codes))
        self.assertEqual(len(set(codes)), 6)
        for query in ("limit=0", "limit=101", "after=-1", "after=x", "unit=NOWHERE"):
            status, body, _ = self.s.request("GET", "/api/v1/people?" + query, token=SUPERVISOR)
            self.assertIn(status, (400, 422), (query, body))


if __name__ == "__main__":
    unittest.main()
