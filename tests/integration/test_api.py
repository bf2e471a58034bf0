"""Integration tests: the real binary over real HTTP."""
import datetime
import http.client
import json
import os
import resource
import signal
import socket
import threading
import time
import unittest

from harness import ENGINE, MEMBER, OFFICER_C001, OFFICER_C002, SUPERVISOR, Server


def served_routes():
    """(method, path) of every JSON API route registered in src/http."""
    import glob
    import re
    src = os.path.join(os.path.dirname(__file__), "..", "..", "src", "http")
    pattern = re.compile(r'Add\(\s*"(GET|POST|PUT|PATCH|DELETE)",\s*"((?:/api/v1|/healthz)[^"]*)"')
    routes = set()
    for name in glob.glob(os.path.join(src, "**", "*.cpp"), recursive=True):
        with open(name, encoding="utf-8") as f:
            routes.update(pattern.findall(f.read()))
    return sorted(routes)

PROBLEM = "application/problem+json"


def new_case(**over):
    c = {"body": "Jembatan gantung di dusun rusak, anak-anak tidak bisa ke sekolah.",
         "unit": "C001-V03", "category": "roads_bridges",
         "reporter": {"name": "Ibu Lan", "phone": "+84 912 345 678"}}
    c.update(over)
    return c


class ApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Server()

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def submit(self, **over):
        status, body, _ = self.s.request("POST", "/api/v1/cases", new_case(**over))
        self.assertEqual(status, 201, body)
        return body

    def received_today(self):
        today = datetime.date.today()
        frm = (today - datetime.timedelta(days=2)).isoformat()
        to = (today + datetime.timedelta(days=2)).isoformat()
        status, body, _ = self.s.request("GET", f"/api/v1/stats/summary?from={frm}&to={to}")
        self.assertEqual(status, 200, body)
        return body["received"]

    def assertProblem(self, status, body, res, expected_status, type_suffix=None):
        self.assertEqual(status, expected_status, body)
        self.assertEqual(res.getheader("Content-Type"), PROBLEM)
        self.assertEqual(body["status"], expected_status)
        self.assertTrue(body["type"].startswith("https://"), body)
        self.assertTrue(body["detail"])
        if type_suffix:
            self.assertTrue(body["type"].endswith("/" + type_suffix), body["type"])

    # --- the life of a case -------------------------------------------------------------

    def test_full_life_of_a_case(self):
        receipt = self.submit()
        code, pin = receipt["code"], receipt["pin"]
        self.assertEqual(receipt["status"], "received")
        self.assertEqual(receipt["assigned_unit"]["code"], "C001")
        self.assertRegex(pin, r"^\d{6}$")
        self.assertIn("acknowledge", receipt["due"])

        status, public, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        self.assertEqual(status, 200)
        self.assertNotIn("reporter", public)
        self.assertNotIn("912345678", json.dumps(public))

        status, mine, _ = self.s.request("GET", f"/api/v1/cases/{code}", headers={"X-Case-Pin": pin})
        self.assertEqual(status, 200)
        self.assertEqual(mine["reporter"]["phone"], "+84912345678")

        for action, body in [("accept", {"note": "Diterima"}), ("start", None),
                             ("resolve", {"answer": "Jembatan sudah diperbaiki."}), ("close", None)]:
            status, case, _ = self.s.request("POST", f"/api/v1/cases/{code}/actions/{action}",
                                             body, token=OFFICER_C001)
            self.assertEqual(status, 200, (action, case))
        self.assertEqual(case["status"], "closed")
        self.assertEqual(case["answer"], "Jembatan sudah diperbaiki.")

        status, events, _ = self.s.request("GET", f"/api/v1/cases/{code}/events", token=OFFICER_C001)
        self.assertEqual([e["kind"] for e in events["events"]],
                         ["submitted", "accepted", "started", "resolved", "closed"])
        self.assertEqual(events["events"][1]["actor"], "officer.bienson")
        self.assertEqual(events["events"][1]["note"], "Diterima")
        # The public sees the steps but not who on the staff took them.
        status, events, _ = self.s.request("GET", f"/api/v1/cases/{code}/events")
        self.assertEqual(events["events"][1]["actor"], "staff")

    def test_illegal_transition_is_409_and_changes_nothing(self):
        code = self.submit()["code"]
        status, body, res = self.s.request("POST", f"/api/v1/cases/{code}/actions/resolve",
                                           {"answer": "x"}, token=OFFICER_C001)
        self.assertProblem(status, body, res, 409, "illegal-transition")
        status, case, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        self.assertEqual(case["status"], "received")

    def test_old_merged_unit_code_still_works(self):
        receipt = self.submit(unit="OLD-BS1-V01")
        self.assertEqual(receipt["unit"]["code"], "C001-V01")
        self.assertEqual(receipt["assigned_unit"]["code"], "C001")
        status, unit, _ = self.s.request("GET", "/api/v1/units/OLD-BS1")
        self.assertEqual(status, 200)
        self.assertEqual(unit["code"], "C001")
        self.assertEqual(unit["resolved_from"]["code"], "OLD-BS1")

    def test_province_level_category_goes_to_the_department(self):
        receipt = self.submit(category="water_pollution")
        self.assertEqual(receipt["assigned_unit"]["code"], "DEPT-NRE")

    def test_filed_with_the_province_is_beyond_level(self):
        code = self.submit(addressed_to="P01")["code"]
        status, page, _ = self.s.request("GET", "/api/v1/cases?beyond_level=true&limit=100",
                                         token=SUPERVISOR)
        self.assertEqual(status, 200)
        self.assertIn(code, [c["code"] for c in page["cases"]])
        self.assertTrue(all(c["beyond_level"] for c in page["cases"]))

    # --- scope and auth ---------------------------------------------------------------

    def test_officer_of_another_commune_gets_403(self):
        code = self.submit()["code"]
        status, body, res = self.s.request("POST", f"/api/v1/cases/{code}/actions/accept",
                                           token=OFFICER_C002)
        self.assertProblem(status, body, res, 403, "forbidden")
        status, case, _ = self.s.request("GET", f"/api/v1/cases/{code}", token=OFFICER_C002)
        self.assertNotIn("reporter", case)  # out of scope: public view only
        status, case, _ = self.s.request("GET", f"/api/v1/cases/{code}", token=SUPERVISOR)
        self.assertIn("reporter", case)

    def test_missing_or_bad_token_gets_401(self):
        code = self.submit()["code"]
        status, body, res = self.s.request("POST", f"/api/v1/cases/{code}/actions/accept")
        self.assertProblem(status, body, res, 401, "unauthorized")
        self.assertEqual(res.getheader("WWW-Authenticate"), "Bearer")
        status, body, res = self.s.request("POST", f"/api/v1/cases/{code}/actions/accept",
                                           token="jbt_not_a_token")
        self.assertProblem(status, body, res, 401)
        status, body, res = self.s.request("GET", "/api/v1/cases", headers={"Authorization": "Basic x"})
        self.assertProblem(status, body, res, 401)

    def test_wrong_pin_gets_401(self):
        receipt = self.submit()
        wrong = "000000" if receipt["pin"] != "000000" else "111111"
        status, body, res = self.s.request("GET", f"/api/v1/cases/{receipt['code']}",
                                           headers={"X-Case-Pin": wrong})
        self.assertProblem(status, body, res, 401)

    def test_pin_guessing_is_stopped(self):
        receipt = self.submit()
        wrong = "000000" if receipt["pin"] != "000000" else "111111"
        path = f"/api/v1/cases/{receipt['code']}"
        for _ in range(5):
            s, b, res = self.s.request("GET", path, headers={"X-Case-Pin": wrong})
            self.assertProblem(s, b, res, 401)
        s, b, res = self.s.request("GET", path, headers={"X-Case-Pin": receipt["pin"]})
        self.assertProblem(s, b, res, 429, "too-many-attempts")
        s, case, _ = self.s.request("GET", path)
        self.assertEqual(s, 200)
        self.assertNotIn("reporter", case)

    def test_member_forwards_for_a_household_and_sees_it(self):
        status, receipt, _ = self.s.request(
            "POST", "/api/v1/cases",
            new_case(channel="member", on_behalf_of={"name": "Keluarga Hoang", "phone": "0912000111",
                                                     "consent": True}),
            token=MEMBER)
        self.assertEqual(status, 201, receipt)
        status, case, _ = self.s.request("GET", f"/api/v1/cases/{receipt['code']}", token=MEMBER)
        self.assertEqual(case["on_behalf_of"]["phone"], "0912000111")
        self.assertIs(case["on_behalf_of"]["consent"], True)
        status, public, _ = self.s.request("GET", f"/api/v1/cases/{receipt['code']}")
        self.assertNotIn("on_behalf_of", public)
        status, body, res = self.s.request(
            "POST", "/api/v1/cases",
            new_case(on_behalf_of={"name": "Keluarga Hoang", "consent": "yes"}), token=MEMBER)
        self.assertProblem(status, body, res, 400)
        status, body, res = self.s.request("POST", f"/api/v1/cases/{receipt['code']}/actions/accept",
                                           token=MEMBER)
        self.assertProblem(status, body, res, 403)

    # --- idempotency -------------------------------------------------------------------

    def test_same_idempotency_key_and_body_gives_the_same_case(self):
        before = self.received_today()
        body = new_case(body="Longsor menutup jalan ke Thon Dong.")
        h = {"Idempotency-Key": "retry-test-1"}
        s1, r1, _ = self.s.request("POST", "/api/v1/cases", body, headers=h)
        s2, r2, res2 = self.s.request("POST", "/api/v1/cases", body, headers=h)
        self.assertEqual((s1, s2), (201, 201))
        self.assertEqual(r1["code"], r2["code"])
        self.assertEqual(r1["pin"], r2["pin"])
        self.assertEqual(res2.getheader("Idempotent-Replayed"), "true")
        self.assertEqual(self.received_today(), before + 1)
        s3, r3, res3 = self.s.request("POST", "/api/v1/cases", new_case(body="something else"), headers=h)
        self.assertProblem(s3, r3, res3, 422, "idempotency-key-reused")
        self.assertEqual(self.received_today(), before + 1)

    def test_concurrent_retries_with_one_key_make_one_case(self):
        before = self.received_today()
        body = new_case(body="Concurrent retry")
        codes = []
        def post():
            s, r, _ = self.s.request("POST", "/api/v1/cases", body, headers={"Idempotency-Key": "conc-1"})
            codes.append((s, r.get("code")))
        threads = [threading.Thread(target=post) for _ in range(8)]
        for t in threads: t.start()
        for t in threads: t.join()
        self.assertEqual({s for s, _ in codes}, {201})
        self.assertEqual(len({c for _, c in codes}), 1)
        self.assertEqual(self.received_today(), before + 1)

    # --- lists -------------------------------------------------------------------------

    def test_pagination_neither_skips_nor_repeats_under_concurrent_inserts(self):
        existing = set()
        cursor = None
        while True:
            path = "/api/v1/cases?unit=C005&limit=50" + (f"&cursor={cursor}" if cursor else "")
            s, page, _ = self.s.request("GET", path, token=SUPERVISOR)
            existing.update(c["code"] for c in page["cases"])
            cursor = page["next_cursor"]
            if not cursor:
                break
        stop = threading.Event()
        def writer():
            while not stop.is_set():
                self.s.request("POST", "/api/v1/cases", new_case(unit="C005-V02"))
        t = threading.Thread(target=writer)
        t.start()
        try:
            seen, order, cursor = [], [], None
            while True:
                path = "/api/v1/cases?unit=C005&limit=7" + (f"&cursor={cursor}" if cursor else "")
                s, page, _ = self.s.request("GET", path, token=SUPERVISOR)
                self.assertEqual(s, 200, page)
                seen.extend(c["code"] for c in page["cases"])
                cursor = page["next_cursor"]
                if not cursor:
                    break
        finally:
            stop.set()
            t.join()
        self.assertEqual(len(seen), len(set(seen)), "a case was repeated")
        self.assertTrue(existing.issubset(set(seen)), "a case was skipped")

    def test_filters_and_public_list(self):
        s, page, _ = self.s.request("GET", "/api/v1/cases?status=closed&limit=100")
        self.assertEqual(s, 200)
        self.assertTrue(page["cases"])
        for c in page["cases"]:
            self.assertEqual(c["status"], "closed")
            self.assertEqual(c["visibility"], "public")
            self.assertNotIn("reporter", c)
        s, page, _ = self.s.request("GET", "/api/v1/cases?overdue=true&limit=100", token=SUPERVISOR)
        self.assertTrue(page["cases"])
        self.assertTrue(all(c["overdue"] for c in page["cases"]))
        s, page, _ = self.s.request("GET", "/api/v1/cases?unit=C002&limit=100", token=SUPERVISOR)
        for c in page["cases"]:
            self.assertTrue(c["unit"]["code"].startswith("C002") or c["assigned_unit"]["code"] == "C002")

    def test_inbox_order_by_due_most_overdue_first_across_pages(self):
        seen, cursor, dues = [], None, []
        for _ in range(50):
            q = "/api/v1/cases?status=received&sort=due&limit=2" + (f"&cursor={cursor}" if cursor else "")
            status, body, _ = self.s.request("GET", q, token=OFFICER_C001)
            self.assertEqual(status, 200, body)
            seen += [c["code"] for c in body["cases"]]
            dues += [c["due"]["acknowledge"] for c in body["cases"]]
            cursor = body["next_cursor"]
            if not cursor:
                break
        self.assertEqual(len(seen), len(set(seen)))
        self.assertEqual(dues, sorted(dues))  # the most overdue first
        self.assertGreater(len(seen), 2)
        status, newest, _ = self.s.request("GET", "/api/v1/cases?status=received&limit=100",
                                           token=OFFICER_C001)
        self.assertEqual(set(seen), {c["code"] for c in newest["cases"]})
        for bad in ("sort=oldest", "sort=due&cursor=c5", "cursor=d100.5", "sort=due&cursor=d1x.5"):
            status, body, _ = self.s.request("GET", "/api/v1/cases?" + bad, token=OFFICER_C001)
            self.assertEqual(status, 400, (bad, body))

    def test_bad_list_queries_are_400_or_422(self):
        for q, code in [("status=done", 400), ("limit=0", 400), ("limit=101", 400), ("limit=abc", 400),
                        ("cursor=zzz", 400), ("overdue=maybe", 400), ("created_from=yesterday", 400),
                        ("colour=red", 400), ("unit=NOPE", 422), ("category=weather", 422),
                        ("status=closed&status=received", 400)]:
            s, body, res = self.s.request("GET", "/api/v1/cases?" + q)
            self.assertProblem(s, body, res, code)

    # --- bad input: 4xx, problem+json, nothing stored ------------------------------------

    def test_bad_submissions_are_refused_and_store_nothing(self):
        before = self.received_today()
        big = json.dumps(new_case(body="x" * (10 * 1024 * 1024))).encode()
        cases = [
            (b"{not json", 400), (b"[]", 400), (b'"just a string"', 400), (b"", 400),
            (json.dumps({"unit": "C001-V03"}).encode(), 400),                      # no body
            (json.dumps({"body": "x"}).encode(), 400),                              # no unit
            (json.dumps(new_case(body=42)).encode(), 400),                         # wrong type
            (json.dumps(new_case(location={"lat": "north", "lon": 1})).encode(), 400),
            (json.dumps(new_case(location={"lat": 95, "lon": 1})).encode(), 400),
            (json.dumps(new_case(reporter="Ibu Lan")).encode(), 400),
            (json.dumps(new_case(reporter={"name": "A", "phone": "call me"})).encode(), 400),
            (json.dumps(new_case(body="")).encode(), 400),
            (json.dumps(new_case(body="y" * 5001)).encode(), 400),
            (json.dumps(new_case(colour="red")).encode(), 400),                    # unknown field
            (json.dumps(new_case(visibility="secret")).encode(), 400),
            (json.dumps(new_case(unit="NOWHERE")).encode(), 422),
            (json.dumps(new_case(unit="P01")).encode(), 400),                      # not a village/commune
            (json.dumps(new_case(category="weather")).encode(), 422),
            (b'{"body":"bad \xff\xfe utf8","unit":"C001-V03"}', 400),
            (b'{"body":"nul \\u0000 inside","unit":"C001-V03"}', 400),
            (("[" * 100 + "]" * 100).encode(), 400),                                 # too deep
            (big, 413),
            # A field named twice (which was meant?), here and inside an object.
            (b'{"body":"Jembatan rusak","unit":"C001-V03","unit":"C002-V01"}', 400),
            (b'{"body":"x","unit":"C001-V03","reporter":{"name":"A","name":"B"}}', 400),
            # Text that shows nothing: spaces, line breaks, a no-break and a zero-width space.
            (json.dumps(new_case(body=" \n\t \u00a0\u200b ")).encode(), 400),
            # Channels that only their adapters set; "member" needs an account.
            (json.dumps(new_case(channel="sms")).encode(), 400),
            (json.dumps(new_case(channel="member")).encode(), 400),
            (json.dumps(new_case(channel="walk_in")).encode(), 400),
        ]
        for raw, expected in cases:
            s, body, res = self.s.request("POST", "/api/v1/cases", raw=raw)
            self.assertProblem(s, body, res, expected)
        s, body, res = self.s.request("POST", "/api/v1/cases", raw=b"body=x",
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertProblem(s, body, res, 415)
        # JSON without a Content-Type is not guessed at (docs/api.md).
        conn = http.client.HTTPConnection("127.0.0.1", self.s.port, timeout=30)
        conn.request("POST", "/api/v1/cases", body=json.dumps(new_case()).encode())
        res = conn.getresponse()
        self.assertEqual((res.status, json.loads(res.read())["type"].rsplit("/", 1)[-1]),
                         (415, "unsupported-media-type"))
        conn.close()
        # Who may name which channel: the member for a household, staff for a call.
        s, body, res = self.s.request("POST", "/api/v1/cases", new_case(channel="sms"), token=MEMBER)
        self.assertProblem(s, body, res, 400)
        self.assertEqual(body.get("field"), "channel")
        s, body, res = self.s.request("POST", "/api/v1/cases", new_case(channel="phone"),
                                      token=MEMBER)
        self.assertProblem(s, body, res, 400)
        self.assertEqual(self.received_today(), before)
        s, receipt, _ = self.s.request("POST", "/api/v1/cases", new_case(channel="phone"),
                                       token=OFFICER_C001)
        self.assertEqual(s, 201, receipt)
        s, case, _ = self.s.request("GET", f"/api/v1/cases/{receipt['code']}", token=OFFICER_C001)
        self.assertEqual(case["channel"], "phone")

    def test_hostile_strings_are_stored_and_returned_verbatim(self):
        hostile = "'; DROP TABLE cases; -- <script>alert('x')</script> \" \\ %00 {{7*7}}"
        receipt = self.submit(body=hostile, title="<b>bold</b>")
        s, case, _ = self.s.request("GET", f"/api/v1/cases/{receipt['code']}")
        self.assertEqual(case["body"], hostile)
        self.assertEqual(case["title"], "<b>bold</b>")
        s, page, _ = self.s.request("GET", "/api/v1/cases?limit=1")
        self.assertEqual(s, 200)  # the table is still there

    def test_bad_actions(self):
        code = self.submit()["code"]
        url = f"/api/v1/cases/{code}/actions/"
        for action, body, expected in [("approve", None, 404), ("transfer", {"unit": "NOPE"}, 422),
                                       ("transfer", {"unit": 5}, 400), ("merge", {"into": "ZZZZZZZZ"}, 422),
                                       ("assign", {"assignee": "nobody"}, 422), ("reject", {}, 400),
                                       ("accept", {"notes": "typo"}, 400)]:
            s, b, res = self.s.request("POST", url + action, body, token=OFFICER_C001)
            self.assertProblem(s, b, res, expected)
        s, b, res = self.s.request("POST", "/api/v1/cases/ABCDEFGH/actions/accept", token=OFFICER_C001)
        self.assertProblem(s, b, res, 404)

    def test_oversized_headers_get_431(self):
        s, b, res = self.s.request("GET", "/api/v1/categories", headers={"X-Padding": "p" * 20000})
        self.assertProblem(s, b, res, 431)

    def test_keep_alive_serves_many_requests_on_one_connection(self):
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", self.s.port, timeout=10)
        try:
            for _ in range(5):
                conn.request("GET", "/healthz")
                res = conn.getresponse()
                self.assertEqual(res.status, 200)
                res.read()
            sock = conn.sock
            conn.request("GET", "/api/v1/categories")
            res = conn.getresponse()
            res.read()
            self.assertIs(conn.sock, sock)  # not reconnected
        finally:
            conn.close()

    def test_unknown_paths_and_methods(self):
        s, b, res = self.s.request("GET", "/api/v1/nothing")
        self.assertProblem(s, b, res, 404)
        s, b, res = self.s.request("DELETE", "/api/v1/cases")
        self.assertProblem(s, b, res, 405)
        self.assertIn("GET", res.getheader("Allow"))

    # --- reference data and figures -----------------------------------------------------

    def test_units_and_categories(self):
        s, units, _ = self.s.request("GET", "/api/v1/units")
        self.assertEqual(units["parent"]["code"], "P01")
        communes = [u for u in units["units"] if u["level"] == "commune" and u["live"]]
        self.assertEqual(len(communes), 99)
        s, villages, _ = self.s.request("GET", "/api/v1/units?parent=C001")
        self.assertTrue(all(u["parent"] == "C001" for u in villages["units"]))
        total = 0
        for c in communes:
            total += self.s.request("GET", f"/api/v1/units/{c['code']}")[1]["children"]
        self.assertEqual(total, 1731)
        s, cats, _ = self.s.request("GET", "/api/v1/categories")
        self.assertEqual(len(cats["categories"]), 15)
        water = next(c for c in cats["categories"] if c["code"] == "water_pollution")
        self.assertEqual(water["names"]["vi"], "Ô nhiễm nguồn nước")

    def test_summary_figures(self):
        s, summary, _ = self.s.request("GET", "/api/v1/stats/summary")
        self.assertEqual(s, 200, summary)
        self.assertGreater(summary["received"], 0)
        self.assertEqual(summary["received"], sum(summary["by_status"].values()))
        self.assertEqual(summary["received"], sum(summary["by_category"].values()))
        self.assertGreaterEqual(summary["on_time_rate"], 0)
        self.assertLessEqual(summary["on_time_rate"], 1)
        self.assertGreater(summary["overdue_now"], 0)
        s, c1, _ = self.s.request("GET", "/api/v1/stats/summary?unit=C001")
        self.assertLess(c1["received"], summary["received"])
        s, b, res = self.s.request("GET", "/api/v1/stats/summary?from=2026-12-01&to=2026-01-01")
        self.assertProblem(s, b, res, 400)

    def test_sweep_marks_overdue_and_escalates(self):
        code = self.submit()["code"]
        future = (datetime.datetime.utcnow() + datetime.timedelta(days=120)).strftime("%Y-%m-%dT%H:%M:%SZ")
        out = self.s.run_cli("sweep", "--db", self.s.db, "--at", future)
        self.assertIn("recorded", out)
        s, case, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        self.assertTrue(case["overdue"])
        self.assertEqual(case["escalated_to"]["code"], "P01")
        s, events, _ = self.s.request("GET", f"/api/v1/cases/{code}/events")
        self.assertEqual([e["kind"] for e in events["events"]], ["submitted", "overdue", "escalated"])

    # --- the API description ------------------------------------------------------------

    def test_openapi_describes_every_route_and_the_case_shape(self):
        s, doc, _ = self.s.request("GET", "/api/v1/openapi.json")
        self.assertEqual(doc["openapi"], "3.1.0")
        code = self.submit()["code"]
        for path, ops in doc["paths"].items():
            concrete = (path.replace("{code}", code).replace("{action}", "accept")
                        .replace("{id}", "1"))
            if path == "/api/v1/units/{code}":
                concrete = "/api/v1/units/C001"
            for method in ops:
                s, body, res = self.s.request(method.upper(), concrete, token=OFFICER_C001,
                                              raw=b"{}" if method == "post" else None)
                self.assertFalse(s in (404, 405) and isinstance(body, dict) and
                                 body.get("type", "").endswith(("/not-found", "/method-not-allowed"))
                                 and "no resource" in body.get("detail", ""),
                                 f"{method} {path} is documented but not served")
        # Every route the server registers (router.Add in src/http) is documented.
        served = served_routes()
        self.assertGreater(len(served), 20)
        for method, path in served:
            self.assertIn(method.lower(), doc["paths"].get(path, {}),
                          f"{method} {path} is served but not in openapi.json")
        required = doc["components"]["schemas"]["Case"]["required"]
        s, case, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        for key in required:
            self.assertIn(key, case)
        for key in case:
            self.assertIn(key, doc["components"]["schemas"]["Case"]["properties"])
        s, problem, _ = self.s.request("GET", "/api/v1/cases/ABCDEFGH")
        for key in doc["components"]["schemas"]["Problem"]["required"]:
            self.assertIn(key, problem)


class BackgroundSweepTest(unittest.TestCase):
    def test_serve_marks_overdue_cases_on_its_own(self):
        import time
        s = Server(cases=10)
        try:
            status, receipt, _ = s.request("POST", "/api/v1/cases", new_case())
            self.assertEqual(status, 201)
            s.stop()
            # Test setup, not product code: move this case's deadlines into the past, with the
            # next deadline instant the store keeps from core (NextDeadlineAt: the ack date of a
            # received case).
            s.sql("UPDATE cases SET ack_due = 1000, resolve_due = 2000, warn_at = 1500, "
                  "next_deadline_at = 1000 WHERE code = ?", receipt["code"])
            s.restart(["--sweep-interval", "1"])
            deadline = time.monotonic() + 30
            case = {}
            while time.monotonic() < deadline:
                _, case, _ = s.request("GET", f"/api/v1/cases/{receipt['code']}")
                if case.get("overdue"):
                    break
                time.sleep(0.1)
            self.assertTrue(case.get("overdue"), case)
            self.assertEqual(case["escalated_to"]["code"], "P01")
        finally:
            s.close()


@unittest.skipIf(ENGINE != "sqlite", "file modes are the SQLite engine's; a server database's "
                 "access is the server's (docs/operations.md)")
class DatabaseFileModeTest(unittest.TestCase):
    """The database holds contacts and channel secrets: only its owner may read it."""

    def test_files_are_private_and_serve_refuses_a_readable_database(self):
        import stat
        import subprocess
        from harness import BIN
        s = Server(cases=10)
        try:
            self.assertEqual(s.request("POST", "/api/v1/cases", new_case())[0], 201)
            for suffix in ("", "-wal", "-shm"):
                path = s.db + suffix
                if os.path.exists(path):
                    self.assertEqual(stat.S_IMODE(os.stat(path).st_mode) & 0o077, 0, path)
            self.assertEqual(s.stop(), 0)
            os.chmod(s.db, 0o644)
            refused = subprocess.run([BIN, "serve", "--db", s.db, "--listen", "127.0.0.1:0"],
                                     capture_output=True, text=True, timeout=30)
            self.assertNotEqual(refused.returncode, 0)
            self.assertIn("other local users can read the database", refused.stderr)
            self.assertIn("--allow-readable-db", refused.stderr)
            s.restart(s.serve_args + ["--allow-readable-db"])  # the operator accepts the risk
            self.assertEqual(s.request("GET", "/healthz")[0], 200)
        finally:
            s.close()


class ShutdownTest(unittest.TestCase):
    def test_sigterm_stops_cleanly_and_keeps_acknowledged_cases(self):
        s = Server(cases=10)
        try:
            status, receipt, _ = s.request("POST", "/api/v1/cases", new_case())
            self.assertEqual(status, 201)
            self.assertEqual(s.stop(signal.SIGTERM), 0)
            out = s.run_cli("sweep", "--db", s.db)  # the database opens cleanly afterwards
            self.assertIn("examined", out)
            rows = s.sql("SELECT count(*) FROM cases WHERE code = ?", receipt["code"])
            self.assertEqual(int(rows[0][0]), 1)
        finally:
            s.close()


class ConnectionLimitTest(unittest.TestCase):
    """Issue 19, point 3: the connection cap fits the open-file limit, and running out of file
    descriptors pauses accepting instead of spinning and flooding the log."""

    def log_lines(self, s, text):
        with open(s.log.name) as f:
            return [line for line in f if text in line]

    def test_the_cap_fits_the_open_file_limit_and_running_out_pauses_accepting(self):
        s = Server(cases=10, nofile=64)
        idle = []
        try:
            lowered = self.log_lines(s, "the connection cap is lowered to")
            self.assertEqual(len(lowered), 1, lowered)
            cap = int(lowered[0].split("lowered to ")[1].split()[0])
            self.assertTrue(1 <= cap < 64, cap)
            # The cap's connections stay open, idle; one more is answered 503 at once.
            for _ in range(cap):
                idle.append(socket.create_connection(("127.0.0.1", s.port), timeout=10))
            extra = socket.create_connection(("127.0.0.1", s.port), timeout=10)
            answer = extra.recv(4096).decode()
            extra.close()
            self.assertTrue(answer.startswith("HTTP/1.1 503"), answer[:80])
            self.assertIn("too many connections", answer)
            # The limit shrinks under the running server to what it has open: each accept now
            # fails with EMFILE. Twenty clients wait in the listen queue meanwhile.
            open_now = len(os.listdir(f"/proc/{s.proc.pid}/fd"))
            resource.prlimit(s.proc.pid, resource.RLIMIT_NOFILE, (open_now, 64))
            waiting = [socket.create_connection(("127.0.0.1", s.port), timeout=10)
                       for _ in range(20)]
            time.sleep(2)  # accept fails all along; not a measure of speed
            reports = self.log_lines(s, "accept failed")
            # Reported once per ten seconds, with a count, not once per failure (it was
            # 905,985 lines in 8 s): at most one report, or two across a boundary.
            self.assertTrue(1 <= len(reports) <= 2, reports[:3])
            self.assertIn("pausing before accepting again", reports[0])
            # With room again, the waiting clients are served and the server answers.
            resource.prlimit(s.proc.pid, resource.RLIMIT_NOFILE, (64, 64))
            for c in idle + waiting:
                c.close()
            idle = []
            self.assertTrue(s.wait_healthy(30), "the server did not recover")
            status, _, _ = s.request("POST", "/api/v1/cases", new_case())
            self.assertEqual(status, 201)
        finally:
            for c in idle:
                c.close()
            s.close()


if __name__ == "__main__":
    unittest.main()
