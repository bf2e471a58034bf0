"""The registry over HTTP (issue 16): organizations, people, households and positions within the
caller's unit, terms that may not overlap, and the "two shoulders" indicator read from the demo
province's records (64.99 %: 1,125 of 1,731 villages)."""
import os
import subprocess
import tempfile
import unittest

from harness import BIN, MEMBER, OFFICER_C001, OFFICER_C002, SUPERVISOR, Server


class RegistryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # 1,122 cases: the demo's members forward every one of them (seed 001's reflections).
        cls.s = Server(cases=1122, registry=True)
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
        # The villages of the commune, each its own part; the province's parts are its communes.
        self.assertEqual(len(c001["by_unit"]), 18)
        self.assertEqual(sum(p["concurrent"] for p in c001["by_unit"]), c001["concurrent"])
        without = {v["code"] for v in c001["without"]}
        for p in c001["by_unit"]:
            self.assertEqual(p["rate"], "0.00" if p["unit"]["code"] in without else "100.00")
        parts = self.province["by_unit"]
        self.assertEqual(len(parts), 99)
        self.assertTrue(all(p["unit"]["level"] == "commune" for p in parts))
        self.assertEqual(sum(p["villages"] for p in parts), 1731)
        self.assertEqual(sum(p["concurrent"] for p in parts), 1125)
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

    # Members' reflections and awards (points 4 and 5).

    def test_the_core_groups_75_members_forwarded_1122_reflections(self):
        body = self.get("/api/v1/indicators/reflections?organization=TDV-NOI-COT", token=None)
        self.assertEqual((body["members"], body["prestigious"]), (75, 73))
        r = body["reflections"]
        self.assertEqual(r["forwarded"], 1122)
        self.assertTrue(0 < r["confirmed"] <= r["resolved"] <= r["forwarded"], r)
        self.assertTrue(0 < r["on_time"] <= r["resolved"], r)
        for key in ("forwarded", "resolved", "on_time", "confirmed"):
            self.assertEqual(sum(c[key] for c in r["by_category"].values()), r[key], key)
        self.assertNotIn("by_member", body)  # the public reads counts only
        named = self.get("/api/v1/indicators/reflections?organization=TDV-NOI-COT")
        self.assertEqual(len(named["by_member"]), 75)
        self.assertEqual(sum(m["reflections"]["forwarded"] for m in named["by_member"]), 1122)
        # Traceable: the group leader is member01, whose own list holds the same cases.
        leader = self.every("/api/v1/positions?organization=TDV-NOI-COT", "positions")[0]
        row = next(m for m in named["by_member"] if m["person"] == leader["person"]["code"])
        mine, cursor = [], None
        while True:
            path = "/api/v1/cases?mine=true&limit=100" + (f"&cursor={cursor}" if cursor else "")
            page = self.get(path, token=MEMBER)
            mine += page["cases"]
            cursor = page["next_cursor"]
            if not cursor:
                break
        self.assertEqual(row["reflections"]["forwarded"], len(mine))
        # A period before the group was founded holds none of them.
        early = self.get("/api/v1/indicators/reflections?organization=TDV-NOI-COT"
                         "&from=2020-01-01&to=2025-06-30", token=None)
        self.assertEqual(early["reflections"]["forwarded"], 0)

    def test_the_2025_cycle_names_25_awardees_from_an_explained_ranking(self):
        public = self.get("/api/v1/awards/THI-DUA-2025/awardees", token=None)
        self.assertEqual(len(public["awardees"]), 25)
        self.assertEqual(public["cycle"]["decision"]["number"], "125/QD-UBND")
        self.assertEqual(public["cycle"]["awarded"], 25)
        for a in public["awardees"]:
            self.assertEqual(set(a), {"person", "name", "unit"})
            self.assertTrue(a["name"] and a["unit"]["name"])
        whole = self.get("/api/v1/awards/THI-DUA-2025/ranking")
        ranking = whole["ranking"]
        self.assertEqual(len(ranking), 75)
        self.assertEqual((whole["total"], whole["offset"], whole["next_offset"]), (75, 0, None))
        # In pages: the same rows, ranked over every holder whatever the page.
        page = self.get("/api/v1/awards/THI-DUA-2025/ranking?offset=20&limit=10")
        self.assertEqual((page["total"], page["offset"], page["next_offset"]), (75, 20, 30))
        self.assertEqual(page["ranking"], ranking[20:30])
        last = self.get("/api/v1/awards/THI-DUA-2025/ranking?offset=70&limit=10")
        self.assertEqual((len(last["ranking"]), last["next_offset"]), (5, None))
        for query in ("limit=0", "limit=1001", "offset=-1", "offset=x", "limit=2.5"):
            status, body, _ = self.s.request("GET", "/api/v1/awards/THI-DUA-2025/ranking?" + query,
                                             token=SUPERVISOR)
            self.assertEqual(status, 400, (query, body))
        for row in ranking:
            self.assertEqual(sum(line["points"] for line in row["explanation"]), row["score"])
            for line in row["explanation"]:
                self.assertEqual(line["value"] * line["weight"], line["points"])
        scores = [row["score"] for row in ranking]
        self.assertEqual(scores, sorted(scores, reverse=True))
        self.assertEqual([row["awarded"] for row in ranking], [True] * 25 + [False] * 50)
        self.assertEqual({row["person"] for row in ranking[:25]},
                         {a["person"] for a in public["awardees"]})
        # Every reflection of the group counts in the cycle, which runs to the demo's day.
        forwarded = [line["value"] for row in ranking for line in row["explanation"]
                     if line["measure"] == "reflections_forwarded"]
        self.assertEqual(sum(forwarded), 1122)
        status, page, res = self.s.request(
            "GET", f"/api/v1/awards/THI-DUA-2025/awardees/{ranking[0]['person']}/certificate"
                   "?lang=id")
        self.assertEqual(status, 200)
        self.assertTrue(res.getheader("Content-Type").startswith("text/html"))
        self.assertIn(ranking[0]["name"], page.decode())
        self.assertIn("Piagam Penghargaan", page.decode())
        status, _, _ = self.s.request(
            "GET", f"/api/v1/awards/THI-DUA-2025/awardees/{ranking[-1]['person']}/certificate")
        self.assertEqual(status, 404)  # not an awardee

    def test_a_cycle_is_ranked_nominated_and_decided_within_the_callers_unit(self):
        cycle = {"code": "TD-C001", "title": "<b>Thi đua</b> Biên Sơn", "unit": "C001",
                 "from": "2025-07-01", "to": "2026-12-31",
                 "criteria": [{"measure": "posts_held", "weight": 5},
                              {"measure": "workdays", "weight": 1}]}
        status, c = self.post("/api/v1/awards", cycle)
        self.assertEqual(status, 201, c)
        self.assertEqual(self.post("/api/v1/awards", cycle)[0], 409)
        ranking = self.get("/api/v1/awards/TD-C001/ranking", token=OFFICER_C001)["ranking"]
        self.assertTrue(ranking)
        self.assertEqual({r["unit"][:4] for r in ranking}, {"C001"})
        status, _, _ = self.s.request("GET", "/api/v1/awards/TD-C001/ranking", token=OFFICER_C002)
        self.assertEqual(status, 403)
        first = ranking[0]["person"]
        status, n = self.post("/api/v1/awards/TD-C001/nominations",
                              {"person": first, "reason": "đứng đầu"})
        self.assertEqual((status, n["person"], n["nominated"]), (201, first, True), n)
        self.assertEqual(n["score"], ranking[0]["score"])
        self.assertEqual(self.post("/api/v1/awards/TD-C001/nominations", {"person": first})[0], 409)
        other = self.every("/api/v1/people?unit=C002", "people")[0]["code"]
        self.assertEqual(self.post("/api/v1/awards/TD-C001/nominations",
                                   {"person": other}, token=SUPERVISOR)[0], 400)  # not ranked
        self.assertEqual(self.post("/api/v1/awards/TD-C001/nominations", {"person": other})[0],
                         422)  # outside the caller's unit
        decision = {"title": "Giấy khen", "number": "7/QĐ-UBND", "date": "2027-01-10"}
        self.assertEqual(self.post("/api/v1/awards/TD-C001/decision", decision,
                                   token=OFFICER_C002)[0], 403)
        self.assertEqual(self.post("/api/v1/awards/TD-C001/decision",
                                   {**decision, "awardees": [ranking[1]["person"]]})[0], 400)
        status, d = self.post("/api/v1/awards/TD-C001/decision", decision)
        self.assertEqual((status, d["awarded"], d["decision"]["number"]), (200, 1, "7/QĐ-UBND"), d)
        self.assertEqual(self.post("/api/v1/awards/TD-C001/decision", decision)[0], 409)
        self.assertEqual(self.post("/api/v1/awards/TD-C001/nominations",
                                   {"person": ranking[1]["person"]})[0], 409)
        status, page, _ = self.s.request(
            "GET", f"/api/v1/awards/TD-C001/awardees/{first}/certificate?lang=vi")
        self.assertEqual(status, 200)
        self.assertIn("&lt;b&gt;Thi đua&lt;/b&gt;", page.decode())  # escaped, never markup
        self.assertNotIn("<b>", page.decode())
        listed = self.get("/api/v1/awards?unit=C001", token=None)["awards"]
        self.assertEqual([a["code"] for a in listed], ["TD-C001"])

    def test_a_kept_ranking_takes_new_work_and_new_posts(self):
        """The server keeps a ranking (app/registry/awards.cpp) and takes forward what is
        confirmed since; a nomination measures its person from the records alone: the two
        agree."""
        status, c = self.post("/api/v1/awards", {
            "code": "TD-KEEP", "title": "Thi đua 2026", "unit": "C001",
            "from": "2026-01-01", "to": "2026-12-31",
            "criteria": [{"measure": "workdays", "weight": 1},
                         {"measure": "posts_held", "weight": 100}]})
        self.assertEqual(status, 201, c)
        url = "/api/v1/awards/TD-KEEP/ranking?limit=1000"

        def scores():
            body = self.get(url, token=OFFICER_C001)
            self.assertEqual(body["total"], len(body["ranking"]))
            return {r["person"]: r["score"] for r in body["ranking"]}

        before = scores()
        last = min(before, key=lambda p: (before[p], p))
        status, r = self.post("/api/v1/campaigns", {
            "code": "KR26", "kind": "road_building", "title": "Đường", "unit": "C001",
            "from": "2026-11-01", "to": "2026-11-30", "organizers": ["CELL-C001-V01"]})
        self.assertEqual(status, 201, r)
        status, r = self.post("/api/v1/campaigns/KR26/participations",
                              {"person": last, "days": 20})
        self.assertEqual(status, 201, r)
        after = scores()
        self.assertEqual(after[last], before[last] + 20)
        self.assertEqual({p: v for p, v in after.items() if p != last},
                         {p: v for p, v in before.items() if p != last})
        status, r = self.post("/api/v1/positions", {"person": last, "title": "deputy",
                                                    "organization": "MIL-C001-V01",
                                                    "from": "2026-02-01"})
        self.assertEqual(status, 201, r)
        self.assertEqual(scores()[last], before[last] + 20 + 100)
        status, n = self.post("/api/v1/awards/TD-KEEP/nominations", {"person": last})
        self.assertEqual((status, n["score"]), (201, before[last] + 120), n)
        # Someone new takes a post held since before the cycle: they enter the kept ranking with
        # their work; the post is then found to have ended before it: they leave it.
        status, p = self.post("/api/v1/people", {"code": "KR-NEW", "name": "Lò Văn Mới",
                                                 "unit": "C001-V02"})
        self.assertEqual(status, 201, p)
        status, post = self.post("/api/v1/positions", {"person": "KR-NEW", "title": "deputy",
                                                       "organization": "MIL-C001-V01",
                                                       "from": "2025-06-01"})
        self.assertEqual(status, 201, post)
        status, r = self.post("/api/v1/campaigns/KR26/participations",
                              {"person": "KR-NEW", "days": 3})
        self.assertEqual(status, 201, r)
        self.assertEqual(scores()["KR-NEW"], 100 + 3)
        status, r = self.post(f"/api/v1/positions/{post['id']}/end", {"to": "2025-12-31"})
        self.assertEqual(status, 200, r)
        after_all = scores()
        self.assertNotIn("KR-NEW", after_all)
        self.assertEqual(after_all[last], before[last] + 120)
        self.assertEqual(len(after_all), len(before))

    def test_awards_and_reflections_refuse_what_they_cannot_take(self):
        good = {"code": "TD-BAD", "title": "t", "unit": "C001", "from": "2026-01-01",
                "to": "2026-12-31", "criteria": [{"measure": "workdays", "weight": 1}]}
        for bad, status in [({"criteria": []}, 400),
                            ({"criteria": [{"measure": "score", "weight": 1}]}, 400),
                            ({"criteria": [{"measure": "workdays", "weight": 0}]}, 400),
                            ({"criteria": [{"measure": "workdays", "weight": 1},
                                           {"measure": "workdays", "weight": 2}]}, 400),
                            ({"criteria": [{"measure": "workdays", "weight": "1"}]}, 400),
                            ({"kind": "club"}, 400), ({"to": "2025-12-31"}, 400),
                            ({"unit": "NOPE"}, 422), ({"unit": "C002"}, 403),
                            ({"extra": 1}, 400), ({"title": "\ud800"}, 400)]:
            with self.subTest(bad=bad):
                got, r = self.post("/api/v1/awards", {**good, **bad})
                self.assertEqual(got, status, r)
        got, r = self.post("/api/v1/awards", good, token=MEMBER)
        self.assertEqual(got, 403, r)
        self.assertEqual(self.s.request("GET", "/api/v1/awards/TD-BAD")[0], 404)  # nothing kept
        for path, status in [("/api/v1/indicators/reflections", 400),
                             ("/api/v1/indicators/reflections?organization=NOPE", 404),
                             ("/api/v1/indicators/reflections?organization=TDV-NOI-COT&from=x", 400),
                             ("/api/v1/indicators/reflections?organization=TDV-NOI-COT"
                              "&from=2026-02-01&to=2026-01-01", 400),
                             ("/api/v1/awards/NOPE/ranking", 404),
                             ("/api/v1/awards/THI-DUA-2025/ranking?kind=club", 400),
                             ("/api/v1/awards/THI-DUA-2025/awardees/DP-000001/certificate"
                              "?lang=fr", 400)]:
            with self.subTest(path=path):
                self.assertEqual(self.s.request("GET", path, token=SUPERVISOR)[0], status)

    # Village facts (point 6).

    def test_lem_reads_19_05_percent_poor_from_its_household_records(self):
        lem = self.get("/api/v1/indicators/village-facts?unit=C003-V03", token=None)
        self.assertEqual(lem["facts"]["poor_households"],
                         {"value": 12, "of": 63, "rate": "19.05", "villages": 1,
                          "villages_from_household_records": 1})
        province = self.get("/api/v1/indicators/village-facts", token=None)
        self.assertEqual(province["villages"], 1731)
        facts = province["facts"]
        self.assertEqual(facts["cultural_house"]["of"], 1731)
        # The province is the sum of its communes, never an average of their rates.
        communes = [u["code"] for u in self.get("/api/v1/units", token=None)["units"]
                    if u["level"] == "commune" and u["live"]]
        total = {"value": 0, "of": 0}
        for code in communes:
            f = self.get(f"/api/v1/indicators/village-facts?unit={code}", token=None)["facts"]
            total["value"] += f["households_with_electricity"]["value"]
            total["of"] += f["households_with_electricity"]["of"]
        self.assertEqual(total, {"value": facts["households_with_electricity"]["value"],
                                 "of": facts["households_with_electricity"]["of"]})
        expected = f"{total['value'] * 100 / total['of']:.2f}"
        self.assertAlmostEqual(float(facts["households_with_electricity"]["rate"]),
                               float(expected), delta=0.005)

    def test_a_village_fact_is_recorded_once_a_day_and_read_on_its_day(self):
        status, f = self.post("/api/v1/village-facts", {"unit": "C001-V05", "kind": "paved_road",
                                                        "as_of": "2026-03-01", "value": 1})
        self.assertEqual(status, 201, f)
        self.assertEqual(f["unit"]["code"], "C001-V05")
        after = self.get("/api/v1/indicators/village-facts?unit=C001-V05&at=2026-03-01", token=None)
        before = self.get("/api/v1/indicators/village-facts?unit=C001-V05&at=2026-02-28",
                          token=None)
        self.assertEqual(after["facts"]["paved_road"]["rate"], "100.00")
        self.assertEqual(before["facts"]["paved_road"]["value"],
                         self.get("/api/v1/indicators/village-facts?unit=C001-V05&at=2025-12-31",
                                  token=None)["facts"]["paved_road"]["value"])
        good = {"unit": "C001-V05", "kind": "households_with_electricity", "as_of": "2026-03-02",
                "value": 1}
        for bad, status in [({"kind": "schools"}, 400), ({"value": -1}, 400),
                            ({"kind": "cultural_house", "value": 2}, 400),
                            ({"value": 100000}, 400),  # more than the village's households
                            ({"as_of": "2999-01-01"}, 400), ({"unit": "C001"}, 400),
                            ({"unit": "C002-V01"}, 403), ({"unit": "NOPE"}, 422),
                            ({"as_of": "2026-03-01", "kind": "paved_road"}, 409),
                            ({"value": "1"}, 400), ({"extra": True}, 400)]:
            with self.subTest(bad=bad):
                got, r = self.post("/api/v1/village-facts", {**good, **bad})
                self.assertEqual(got, status, r)
        self.assertEqual(self.post("/api/v1/village-facts", good, token=MEMBER)[0], 403)
        self.assertEqual(self.s.request("POST", "/api/v1/village-facts", good)[0], 401)
        for path in ("/api/v1/indicators/village-facts?unit=NOPE",
                     "/api/v1/indicators/village-facts?at=2026-13-01",
                     "/api/v1/indicators/village-facts?x=1"):
            with self.subTest(path=path):
                self.assertIn(self.s.request("GET", path)[0], (400, 422))

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

    # Village-head elections.

    def test_an_election_held_makes_the_winners_term_and_ends_the_one_before(self):
        # A village of Bien Son whose head's term is open (not one the demo's elections made).
        village = next(
            v for v in (f"C001-V{n:02d}" for n in range(9, 19))
            if any(p["title"] == "village_head" and p["to"] is None
                   for p in self.get(f"/api/v1/positions?unit={v}&at=2026-11-30")["positions"]))
        self.assertEqual(self.post("/api/v1/people", {"code": "EL-CAND-1", "name": "Lò Văn Phúc",
                                                      "unit": village})[0], 201)
        self.assertEqual(self.post("/api/v1/people", {"code": "EL-CAND-2", "name": "Vi Thị Sen",
                                                      "unit": village})[0], 201)
        status, plan = self.post("/api/v1/elections", {
            "code": "EL-T-1", "unit": village, "term_from": "2026-12-01",
            "term_to": "2027-12-31", "planned_on": "2026-11-01",
            "candidates": ["EL-CAND-1", "EL-CAND-2"]})
        self.assertEqual(status, 201, plan)
        self.assertIsNone(plan["winner"])
        old_head = next(p for p in self.get(f"/api/v1/positions?unit={village}&at=2026-11-30")
                        ["positions"] if p["title"] == "village_head")
        result = {"held_on": "2026-11-20", "households_voting": 57,
                  "votes": {"EL-CAND-1": 20, "EL-CAND-2": 35}}
        for bad, status in [({**result, "votes": {"EL-CAND-1": 20}}, 400),
                            ({**result, "votes": {"EL-CAND-1": 20, "EL-CAND-2": 20}}, 409),
                            ({**result, "votes": {**result["votes"], "DP-000001": 3}}, 400),
                            ({**result, "households_voting": 0}, 400),
                            ({**result, "held_on": "2099-01-01"}, 400)]:
            with self.subTest(bad=bad):
                got, r = self.post("/api/v1/elections/EL-T-1/result", bad)
                self.assertEqual(got, status, r)
        status, held = self.post("/api/v1/elections/EL-T-1/result", result)
        self.assertEqual(status, 200, held)
        self.assertEqual(held["winner"], "EL-CAND-2")
        self.assertEqual([c["votes"] for c in held["candidates"]], [20, 35])
        self.assertEqual(self.post("/api/v1/elections/EL-T-1/result", result)[0], 409)
        heads = [p for p in self.get(f"/api/v1/positions?unit={village}")["positions"]
                 if p["title"] == "village_head"]
        ended = next(p for p in heads if p["id"] == old_head["id"])
        self.assertEqual(ended["to"], "2026-11-30")
        new = next(p for p in heads if p["id"] == held["position_id"])
        self.assertEqual((new["person"]["code"], new["from"], new["to"], new["elected"]),
                         ("EL-CAND-2", "2026-12-01", "2027-12-31", True))
        self.assertEqual(self.get("/api/v1/elections/EL-T-1", token=OFFICER_C001), held)
        status, _, _ = self.s.request("GET", "/api/v1/elections/EL-T-1", token=OFFICER_C002)
        self.assertEqual(status, 404)

    def test_the_demo_recorded_its_elections_with_their_votes(self):
        elections = [e for e in self.every("/api/v1/elections", "elections")
                     if e["code"].startswith("EL-C")]  # not those the tests plan
        self.assertEqual(len(elections), 282)
        for e in elections[:20]:
            self.assertEqual(e["winner"], e["candidates"][0]["code"])
            self.assertGreater(e["candidates"][0]["votes"], e["candidates"][1]["votes"])

    def test_an_election_plan_refuses_what_it_cannot_take(self):
        plan = {"code": "EL-BAD", "unit": "C001-V09", "term_from": "2026-12-01",
                "term_to": "2027-12-31", "planned_on": "2026-11-01", "candidates": ["DP-000001"]}
        for bad, status in [({**plan, "unit": "C001"}, 422),           # not a village
                            ({**plan, "unit": "C002-V01"}, 403),
                            ({**plan, "candidates": []}, 400),
                            ({**plan, "candidates": ["NOBODY"]}, 422),
                            ({**plan, "candidates": ["DP-000001", "DP-000001"]}, 400),
                            ({**plan, "term_to": "2026-01-01"}, 400),
                            ({**plan, "planned_on": "2027-01-01"}, 400),
                            ({**plan, "candidates": "DP-000001"}, 400)]:
            with self.subTest(bad=bad):
                got, r = self.post("/api/v1/elections", bad)
                self.assertEqual(got, status, r)

    # Campaigns and participation.

    def test_the_demo_counts_seed_002s_militia_and_workdays(self):
        covid = self.get("/api/v1/indicators/mobilization?campaign=COVID19", token=None)
        self.assertEqual(covid["total"], {"people": 1416, "named": 1416, "headcount": 0,
                                          "workdays": 12496})
        self.assertEqual(covid["by_campaign_kind"]["checkpoint_duty"]["people"], 1416)
        # Run by the provincial military command (an organization of kind "other").
        self.assertEqual(covid["by_organization_kind"]["other"]["workdays"], 12496)
        for code, people in (("PCTT", 1200), ("BIENGIOI", 600)):
            body = self.get(f"/api/v1/indicators/mobilization?campaign={code}", token=None)
            self.assertEqual(body["total"]["people"], people)
        everything = self.get("/api/v1/indicators/mobilization?to=2025-12-31", token=None)
        self.assertEqual(everything["total"]["people"], 1416)  # the same militia, counted once
        self.assertEqual(set(everything["by_campaign_kind"]),
                         {"disaster_prevention", "border_patrol", "checkpoint_duty"})
        # A period after Covid-19's checkpoints leaves them out.
        later = self.get("/api/v1/indicators/mobilization?from=2023-01-01&to=2023-12-31",
                         token=None)
        self.assertNotIn("checkpoint_duty", later["by_campaign_kind"])
        self.assertEqual(self.get("/api/v1/campaigns/COVID19", token=None)["goal_people"], 1416)

    def test_a_roster_entry_counts_at_once_and_a_headcount_counts_its_people(self):
        status, c = self.post("/api/v1/campaigns", {
            "code": "NHA26", "kind": "house_building", "title": "Làm nhà cho hộ nghèo",
            "unit": "C001", "from": "2026-09-01", "to": "2026-09-30", "goal_workdays": 200,
            "organizers": ["CELL-C001-V01"]})
        self.assertEqual(status, 201, c)
        before = self.get("/api/v1/indicators/mobilization?unit=C001&campaign=NHA26", token=None)
        self.assertEqual(before["total"]["workdays"], 0)
        status, r = self.post("/api/v1/campaigns/NHA26/participations",
                              {"person": "DP-000001", "from": "2026-09-03", "to": "2026-09-06",
                               "role": "thợ"})
        self.assertEqual((status, r["workdays"], r["confirmed"]), (201, 4, True), r)
        status, r = self.post("/api/v1/campaigns/NHA26/participations",
                              {"unit": "C001-V02", "headcount": 12, "days": 2})
        self.assertEqual((status, r["workdays"]), (201, 24), r)
        after = self.get("/api/v1/indicators/mobilization?unit=C001&campaign=NHA26", token=None)
        self.assertEqual(after["total"], {"people": 13, "named": 1, "headcount": 12,
                                          "workdays": 28})
        self.assertEqual(after["by_organization_kind"]["party_cell"]["workdays"], 28)
        roster = self.get("/api/v1/campaigns/NHA26/participations", token=OFFICER_C001)
        self.assertEqual([p["workdays"] for p in roster["participations"]], [4, 24])
        for bad, status in [({"person": "DP-000001", "days": 31}, 400),     # longer than it
                            ({"person": "DP-000001", "from": "2026-08-30", "to": "2026-09-02"}, 400),
                            ({"person": "DP-000001"}, 400),                  # no days
                            ({"person": "DP-000001", "unit": "C001-V01", "days": 1}, 400),
                            ({"unit": "C002-V01", "headcount": 3, "days": 1}, 403),
                            ({"person": "NO-ONE", "days": 1}, 422)]:
            with self.subTest(bad=bad):
                got, r = self.post("/api/v1/campaigns/NHA26/participations", bad)
                self.assertEqual(got, status, r)
        got, r = self.post("/api/v1/campaigns/NOPE/participations", {"person": "DP-000001",
                                                                      "days": 1})
        self.assertEqual(got, 404, r)
        got, r = self.post("/api/v1/campaigns", {**c, "organizers": ["NOPE"], "code": "X1"})
        self.assertIn(got, (400, 422), r)
        self.assertEqual(self.get("/api/v1/indicators/mobilization?unit=C001&campaign=NHA26",
                                  token=None)["total"]["workdays"], 28)

    def test_a_kept_figure_takes_new_work_as_a_count_of_every_row_would(self):
        """The server keeps each mobilization figure and adds what is confirmed after it
        (app/registry/campaigns.cpp); a figure never asked for before is counted from every
        row. Both must agree, with people counted once however often they come."""
        status, c = self.post("/api/v1/campaigns", {
            "code": "KEEP26", "kind": "road_building", "title": "Đổ bê tông đường thôn",
            "unit": "C001", "from": "2026-10-01", "to": "2026-10-31",
            "organizers": ["CELL-C001-V01", "CELL-C001-V02"]})  # two cells: one kind
        self.assertEqual(status, 201, c)
        kept = "/api/v1/indicators/mobilization?unit=C001&from=2026-10-01&to=2026-10-31"
        self.assertEqual(self.get(kept, token=None)["total"]["people"], 0)
        entries = [{"person": "DP-000001", "days": 3},
                   {"person": "DP-000001", "days": 2},   # the same person again
                   {"person": "DP-000003", "days": 1},
                   {"unit": "C001-V02", "headcount": 5, "days": 2}]
        for i, entry in enumerate(entries):
            status, r = self.post("/api/v1/campaigns/KEEP26/participations", entry)
            self.assertEqual(status, 201, r)
            if i % 2 == 0:
                self.get(kept, token=None)  # kept, then taken forward by the next entries
        figure = self.get(kept, token=None)
        self.assertEqual(figure["total"], {"people": 7, "named": 2, "headcount": 5,
                                           "workdays": 16})
        self.assertEqual(figure["by_organization_kind"]["party_cell"], figure["total"])
        self.assertEqual(figure["by_campaign_kind"]["road_building"], figure["total"])
        counted = self.get("/api/v1/indicators/mobilization?unit=C001&from=2026-10-01"
                           "&to=2026-11-30", token=None)  # never asked: counted from the rows
        self.assertEqual(counted["total"], figure["total"])
        self.assertEqual(counted["by_organization_kind"], figure["by_organization_kind"])
        self.assertEqual(counted["by_campaign_kind"], figure["by_campaign_kind"])

    # CSV in and out.

    def upload(self, table, text, token=OFFICER_C001, content_type="text/csv"):
        status, body, _ = self.s.request("POST", f"/api/v1/imports/registry/{table}",
                                         raw=text.encode(), token=token,
                                         headers={"Content-Type": content_type})
        return status, body

    def export(self, table, unit, token=OFFICER_C001):
        status, body, res = self.s.request("GET", f"/api/v1/exports/registry/{table}?unit={unit}",
                                           token=token)
        self.assertEqual(status, 200, body)
        self.assertTrue(res.getheader("Content-Type").startswith("text/csv"))
        return body.decode()

    def test_an_import_is_all_or_nothing_and_every_bad_line_is_reported(self):
        text = ("code,name,unit,phone,birth_year\n"
                "CSV-1,Lò Văn Khánh,C001-V04,0912 555 001,1979\n"
                "CSV-2,,C001-V04,,\n"               # no name
                "CSV-3,Vi Thị Hoa,C002-V01,,\n"     # another commune
                "CSV-4,Hà Văn Tú,C001-V04,,18xx\n"  # not a year
                "CSV-1,Again,C001-V04,,\n")         # the same code twice
        status, body = self.upload("people", text)
        self.assertEqual(status, 400, body)
        self.assertEqual([e["line"] for e in body["errors"]], [3, 4, 5, 6])
        status, _, _ = self.s.request("GET", "/api/v1/people/CSV-1", token=OFFICER_C001)
        self.assertEqual(status, 404)  # nothing was stored

    def test_an_import_creates_then_updates_then_changes_nothing(self):
        people = ("code,name,sex,unit,phone,party_member,prestigious\n"
                  "CSV-10,Lương Thị Dung,female,C001-V06,0912 555 010,1,0\n"
                  "CSV-11,Nông Văn Hải,male,C001-V06,,0,yes\n")
        self.assertEqual(self.upload("people", people), (201, {"created": 2, "updated": 0,
                                                               "unchanged": 0}))
        self.assertEqual(self.upload("people", people), (200, {"created": 0, "updated": 0,
                                                               "unchanged": 2}))
        # A column left out keeps its stored value: the phone survives a file without it.
        status, body = self.upload("people", "code,name\nCSV-10,Lương Thị Dung B\n")
        self.assertEqual((status, body["updated"]), (200, 1), body)
        got = self.get("/api/v1/people/CSV-10", token=OFFICER_C001)
        self.assertEqual((got["name"], got["phone"], got["party_member"]),
                         ("Lương Thị Dung B", "0912555010", True))
        posts = ("person,title,unit,from,to,elected\n"
                 "CSV-11,residential_group_head,C001-V06,2026-01-01,,1\n")
        status, body = self.upload("positions", posts)
        self.assertEqual((status, body["created"]), (201, 1), body)
        self.assertEqual(self.upload("positions", posts)[1]["unchanged"], 1)
        # An open term is ended by a row giving its last day; a changed first day is a new term
        # that may not overlap.
        ended = posts.replace("2026-01-01,,1", "2026-01-01,2026-06-30,1")
        self.assertEqual(self.upload("positions", ended)[1]["updated"], 1)
        status, body = self.upload("positions", posts.replace("2026-01-01,,1", "2026-03-01,,1"))
        self.assertEqual(status, 400, body)
        self.assertIn("CSV-11", self.export("positions", "C001-V06"))

    def test_participations_import_once_and_export_back_unchanged(self):
        status, c = self.post("/api/v1/campaigns", {
            "code": "CSV26", "kind": "production_support", "title": "Gặt lúa giúp dân",
            "unit": "C001", "from": "2026-06-01", "to": "2026-06-30"})
        self.assertEqual(status, 201, c)
        people = [p["code"] for p in self.every("/api/v1/people?unit=C001-V02", "people")][:2]
        text = ("campaign,person,unit,headcount,from,to,days,role\n"
                f"CSV26,{people[0]},,,,,3,tổ trưởng\n"
                "CSV26,,C001-V02,10,,,2,\n"
                f"CSV26,{people[1]},,,2026-06-03,2026-06-06,,\n")
        self.assertEqual(self.upload("participations", text),
                         (201, {"created": 3, "updated": 0, "unchanged": 0}))
        self.assertEqual(self.upload("participations", text),
                         (200, {"created": 0, "updated": 0, "unchanged": 3}))
        figures = self.get("/api/v1/indicators/mobilization?campaign=CSV26", token=None)["total"]
        self.assertEqual(figures, {"people": 12, "named": 2, "headcount": 10, "workdays": 27})
        exported = self.export("participations", "C001")
        self.assertEqual(len([x for x in exported.splitlines() if x.startswith("CSV26,")]), 3)
        self.assertEqual(self.upload("participations", exported)[1]["created"], 0)
        bad = ("campaign,person,unit,headcount,days\n"
               f"CSV26,{people[0]},,,40\n"      # longer than the campaign
               "NOPE,,C001-V02,3,1\n"           # no such campaign
               "CSV26,,C002-V01,3,1\n"          # another commune's headcount
               f"CSV26,{people[0]},,,x\n"       # not a number
               f"CSV26,{people[0]},,,5\n")      # good, but the file is refused as a whole
        status, body = self.upload("participations", bad)
        self.assertEqual(status, 400, body)
        self.assertEqual([e["line"] for e in body["errors"]], [2, 3, 4, 5])
        self.assertEqual(self.get("/api/v1/indicators/mobilization?campaign=CSV26",
                                  token=None)["total"]["workdays"], 27)  # nothing stored
        status, body = self.upload("participations", "person,days\nDP-000001,1\n")
        self.assertEqual(status, 400, body)  # the campaign column is required

    def test_an_export_imports_back_unchanged_and_holds_no_phone(self):
        for table in ("organizations", "households", "people", "positions", "elections"):
            with self.subTest(table=table):
                text = self.export(table, "C003", token=SUPERVISOR)
                self.assertNotIn("phone", text.splitlines()[0])
                self.assertNotIn("+8497", text)
                status, body = self.upload(table, text, token=SUPERVISOR)
                self.assertEqual(status, 200, body)
                self.assertEqual((body["created"], body["updated"]), (0, 0))
                self.assertEqual(body["unchanged"], len(text.strip().splitlines()) - 1)
        lem = self.export("households", "C003-V03", token=SUPERVISOR).splitlines()
        self.assertGreater(len(self.export("elections", "C003", token=SUPERVISOR).splitlines()), 1)
        self.assertEqual(len(lem), 1 + 63)

    def test_elections_import_as_planned_then_held_and_never_rewritten(self):
        for code, name in (("CSV-EL-A", "Giàng A Páo"), ("CSV-EL-B", "Sùng Thị Mỷ")):
            self.assertEqual(self.post("/api/v1/people", {"code": code, "name": name,
                                                          "unit": "C001-V10"})[0], 201)
        header = "code,unit,term_from,term_to,planned_on,candidates,held_on,households_voting,votes\n"
        plan = "CSV-EL-1,C001-V10,2027-01-01,2027-12-31,2026-11-15,CSV-EL-A;CSV-EL-B"
        self.assertEqual(self.upload("elections", header + plan + ",,,\n"),
                         (201, {"created": 1, "updated": 0, "unchanged": 0}))
        self.assertEqual(self.upload("elections", header + plan + ",,,\n")[1]["unchanged"], 1)
        status, body = self.upload("elections", header + plan + ",2026-12-01,44,30\n")
        self.assertEqual(status, 400, body)  # one count per candidate
        status, body = self.upload("elections", header + plan + ",2026-12-01,44,30;14\n")
        self.assertEqual((status, body["updated"]), (200, 1), body)
        held = self.get("/api/v1/elections/CSV-EL-1")
        self.assertEqual((held["winner"], held["households_voting"]), ("CSV-EL-A", 44))
        self.assertEqual(self.upload("elections", header + plan + ",2026-12-01,44,30;14\n")[1],
                         {"created": 0, "updated": 0, "unchanged": 1})
        status, body = self.upload("elections", header + plan + ",2026-12-01,44,10;34\n")
        self.assertEqual(status, 400, body)  # a held election is not rewritten
        self.assertIn("not rewritten", body["errors"][0]["message"])
        exported = self.export("elections", "C001-V10", token=SUPERVISOR)
        self.assertIn("CSV-EL-1,C001-V10,2027-01-01,2027-12-31,2026-11-15,CSV-EL-A;CSV-EL-B,"
                      "2026-12-01,44,30;14", exported)

    def test_uploads_and_exports_refuse_what_they_cannot_take(self):
        self.assertEqual(self.upload("people", "code,name\nX,Y\n",
                                     content_type="application/json")[0], 415)
        self.assertEqual(self.upload("vehicles", "code\nX\n")[0], 404)
        self.assertEqual(self.upload("people", "code,name,shoe\nX,Y,42\n")[0], 400)
        self.assertEqual(self.upload("people", "code,name\nX,Y\n", token=MEMBER)[0], 403)
        self.assertEqual(self.upload("people", "code,name\nX,Y\n", token=None)[0], 401)
        self.assertEqual(self.upload("people", 'code,name\n"X,Y\n')[0], 400)
        status, _, _ = self.s.request("GET", "/api/v1/exports/registry/people?unit=C002",
                                      token=OFFICER_C001)
        self.assertEqual(status, 403)

    def test_the_command_line_imports_the_same_files(self):
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            f.write("code,kind,name,unit\nCLI-TEAM,community_mobilization_team,Tổ dân vận,C001-V07\n")
        try:
            run = lambda: subprocess.run([BIN, "import-registry", "--db", self.s.db, "--table",
                                          "organizations", f.name], capture_output=True, text=True)
            out = run()
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertIn("1 created", out.stdout)
            out = run()
            self.assertIn("0 created, 0 updated, 1 unchanged", out.stdout)
        finally:
            os.unlink(f.name)
        self.assertEqual(self.get("/api/v1/organizations/CLI-TEAM")["kind"],
                         "community_mobilization_team")
        # Participations too, once; the server's figures see them (its cache checks the store).
        status, c = self.post("/api/v1/campaigns", {
            "code": "CLI26", "kind": "road_building", "title": "Đường bản", "unit": "C001",
            "from": "2026-01-01", "to": "2026-12-31"})
        self.assertEqual(status, 201, c)
        self.assertEqual(self.get("/api/v1/indicators/mobilization?campaign=CLI26",
                                  token=None)["total"]["workdays"], 0)
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            f.write("campaign,unit,headcount,days\nCLI26,C001-V07,5,2\n")
        try:
            run = lambda: subprocess.run([BIN, "import-registry", "--db", self.s.db, "--table",
                                          "participations", f.name], capture_output=True,
                                         text=True)
            out = run()
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertIn("participations: 1 created", out.stdout)
            self.assertIn("0 created, 0 updated, 1 unchanged", run().stdout)
        finally:
            os.unlink(f.name)
        self.assertEqual(self.get("/api/v1/indicators/mobilization?campaign=CLI26",
                                  token=None)["total"]["workdays"], 10)


if __name__ == "__main__":
    unittest.main()
