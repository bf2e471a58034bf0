"""The privacy matrix: every route that returns case data, for every kind of caller.

Three cases are filed with a marker string planted in every private field (title, body, place,
answer or reject reason, public update, internal note, the reporter's and the household's name
and phone, the handling officer's name), then handled. For each (route, caller) the test computes
from the access table of docs/domain.md ("Who sees what") exactly which markers may appear, and
asserts that the markers found in the whole response are exactly those. A new field that carries
a marker, or a route that shows one, fails here.

  A  private, a commune matter of Bien Son (C001), forwarded by member01 for a household
  B  private, water pollution handled by the province department DEPT-NRE, located in Son Hai (C002)
  C  public, a commune matter of Bien Son
"""
import datetime
import json
import re
import unittest

from fake_provider import FakeProvider
from harness import MEMBER, OFFICER_C001, OFFICER_C002, SUPERVISOR, Server
from test_channels import JPEG, PLACE, channel_setup, new_phone, receipt as sms_receipt, SMS_KEY
import hashlib
import hmac
import time

DEPT = "jbt_demo_officer.deptnre"
MEMBER2 = "jbt_demo_member02"
ADMIN = "jbt_demo_admin"

# Callers. "pin" and "wrongpin" are anonymous callers that send the case's (right or wrong) PIN.
CALLERS = ["anon", "pin", "wrongpin", "bienson", "sonhai", "deptnre", "member01", "member02",
           "supervisor"]
TOKENS = {"bienson": OFFICER_C001, "sonhai": OFFICER_C002, "deptnre": DEPT, "member01": MEMBER,
          "member02": MEMBER2, "supervisor": SUPERVISOR}
ACTOR = {"A": "officer.bienson", "B": "officer.deptnre", "C": "officer.bienson"}

# docs/domain.md, "Who sees what": the access of each caller to each case.
ACCESS = {
    "A": {"anon": "public", "pin": "reporter", "bienson": "handler", "sonhai": "public",
          "deptnre": "public", "member01": "reporter", "member02": "public",
          "supervisor": "handler"},
    "B": {"anon": "public", "pin": "reporter", "bienson": "public", "sonhai": "observer",
          "deptnre": "handler", "member01": "public", "member02": "public",
          "supervisor": "handler"},
    "C": {"anon": "public", "pin": "reporter", "bienson": "handler", "sonhai": "public",
          "deptnre": "public", "member01": "public", "member02": "public",
          "supervisor": "handler"},
}
PRIVATE = {"A": True, "B": True, "C": False}


def m(case, field):
    return f"MK{field.upper()}{case}"


def phone_of(case, who):
    # Digits only, so the marker survives any normalisation of the phone number.
    return {"A": "1", "B": "2", "C": "3"}[case] + ("1" if who == "reporter" else "2") + "9771234"


TEXT_FIELDS = ["title", "body", "outcome", "update"]  # outcome: the answer, or the reject reason
LOCATION = {"A": "104.111111", "B": "104.222222", "C": "104.333333"}


def markers(case):
    return {
        "title": m(case, "title"), "body": m(case, "body"), "outcome": m(case, "outcome"),
        "update": m(case, "update"), "note": m(case, "note"), "location": LOCATION[case],
        "repname": m(case, "repname"), "repphone": phone_of(case, "reporter"),
        "oboname": m(case, "oboname"), "obophone": phone_of(case, "household"),
        "actor": ACTOR[case],
        "dispute": m(case, "dispute"),  # the reporter's reason for disputing (A only)
    }


def sees_text(case, access):
    return not PRIVATE[case] or access != "public"


class PrivacyMatrixTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fake = FakeProvider()
        cls.s = Server(cases=40, setup=channel_setup(cls.fake), log_level="debug")
        cls.codes, cls.pins, cls.media = {}, {}, {}
        specs = {
            "A": dict(unit="C001-V03", category="roads_bridges", visibility="private",
                      token=MEMBER, handler=OFFICER_C001, obo=True),
            "B": dict(unit="C002-V01", category="water_pollution", visibility="private",
                      token=None, handler=DEPT, obo=False),
            "C": dict(unit="C001-V03", category="roads_bridges", visibility="public",
                      token=None, handler=OFFICER_C001, obo=False),
        }
        for case, spec in specs.items():
            mk = markers(case)
            body = {"title": mk["title"], "body": mk["body"] + " jembatan rusak",
                    "unit": spec["unit"], "category": spec["category"],
                    "visibility": spec["visibility"],
                    "location": {"lat": 21.5, "lon": float(LOCATION[case])},
                    "reporter": {"name": mk["repname"], "phone": "+" + mk["repphone"]}}
            if spec["obo"]:
                body["on_behalf_of"] = {"name": mk["oboname"], "phone": "+" + mk["obophone"],
                                        "consent": True}
            status, r, _ = cls.s.request("POST", "/api/v1/cases", body, token=spec["token"])
            assert status == 201, r
            cls.codes[case], cls.pins[case] = r["code"], r["pin"]
            status, r, _ = cls.s.request("POST", f"/api/v1/cases/{r['code']}/photos", raw=JPEG,
                                         headers={"Content-Type": "image/jpeg",
                                                  "X-Case-Pin": cls.pins[case]})
            assert status == 201, r
            cls.media[case] = r["url"]
            code, h = cls.codes[case], spec["handler"]
            cls.act(code, "accept", h, update=mk["update"], note=mk["note"])
            if case == "B":
                cls.act(code, "reject", h, reason=mk["outcome"])
            else:
                cls.act(code, "start", h)
                cls.act(code, "resolve", h, answer=mk["outcome"])
        # The reporter of A disputes the answer with the PIN and says why: their words become the
        # reopen event's public update, as private as the rest of A.
        status, r, _ = cls.s.request("POST", f"/api/v1/cases/{cls.codes['A']}/feedback",
                                     {"solved": False, "reason": m("A", "dispute")},
                                     headers={"X-Case-Pin": cls.pins["A"]})
        assert status == 200, r
        # The commune where B lies adds an internal note of its own: observers may.
        cls.act(cls.codes["B"], "note", OFFICER_C002, note=m("B", "note") + " seen by Son Hai")

    @classmethod
    def act(cls, code, action, token, **body):
        status, r, _ = cls.s.request("POST", f"/api/v1/cases/{code}/actions/{action}", body,
                                     token=token)
        assert status == 200, (action, r)
        return r

    @classmethod
    def tearDownClass(cls):
        cls.s.close()
        cls.fake.close()

    # --- helpers ------------------------------------------------------------------------

    def get(self, path, caller, case=None):
        headers = {}
        if caller == "pin":
            headers["X-Case-Pin"] = self.pins[case]
        elif caller == "wrongpin":
            headers["X-Case-Pin"] = "000000" if self.pins[case] != "000000" else "111111"
        return self.s.request("GET", path, token=TOKENS.get(caller), headers=headers)

    @staticmethod
    def text_of(payload):
        if isinstance(payload, (bytes, bytearray)):
            return payload.decode("utf-8", "replace")
        return json.dumps(payload, ensure_ascii=False)

    @staticmethod
    def found(text):
        """Every planted marker found in a response, as (case, field)."""
        out = set()
        for case in "ABC":
            for field, value in markers(case).items():
                if field == "actor":
                    continue  # actor names are checked on the timeline only (see events)
                if value in text:
                    out.add((case, field))
        return out

    def expected_detail(self, case, access):
        out = set()
        if sees_text(case, access):
            out |= {(case, f) for f in ["title", "body", "outcome", "location"]}
        if access in ("reporter", "handler"):
            out |= {(case, "repname"), (case, "repphone")}
            if case == "A":
                out |= {(case, "oboname"), (case, "obophone")}
        return out

    def expected_events(self, case, access):
        out = set()
        if sees_text(case, access):
            out |= {(case, "update"), (case, "outcome")}
            if case == "A":
                out.add((case, "dispute"))
        if access in ("observer", "handler"):
            out.add((case, "note"))
        return out

    # --- the matrix ---------------------------------------------------------------------

    def test_case_detail(self):
        for case in "ABC":
            for caller in CALLERS:
                with self.subTest(case=case, caller=caller):
                    status, body, _ = self.get(f"/api/v1/cases/{self.codes[case]}", caller, case)
                    if caller == "wrongpin":
                        self.assertEqual(status, 401, body)
                        self.assertEqual(self.found(self.text_of(body)), set())
                        continue
                    self.assertEqual(status, 200, body)
                    access = ACCESS[case][caller]
                    self.assertEqual(body["access"], access)
                    self.assertEqual(self.found(self.text_of(body)),
                                     self.expected_detail(case, access))
                    self.assertEqual("reporter" in body, access in ("reporter", "handler"))
                    self.assertEqual("allowed_actions" in body, access in ("observer", "handler"))
                    self.assertEqual("media" in body, access != "public")
                    if access == "observer":
                        self.assertEqual(body["allowed_actions"], ["note"])
                    if PRIVATE[case] and access == "public":
                        # Only code, status, dates, category and handling unit.
                        self.assertIsNone(body["unit"])
                        self.assertIsNone(body["location"])
                        self.assertEqual((body["title"], body["body"], body["answer"],
                                          body["reject_reason"]), ("", "", "", ""))
                        self.assertEqual(body["code"], self.codes[case])
                        self.assertTrue(body["assigned_unit"]["code"])

    def test_case_events(self):
        for case in "ABC":
            for caller in CALLERS:
                with self.subTest(case=case, caller=caller):
                    status, body, _ = self.get(f"/api/v1/cases/{self.codes[case]}/events",
                                               caller, case)
                    text = self.text_of(body)
                    if caller == "wrongpin":
                        self.assertEqual(status, 401, body)
                        self.assertEqual(self.found(text), set())
                        continue
                    self.assertEqual(status, 200, body)
                    access = ACCESS[case][caller]
                    self.assertEqual(self.found(text), self.expected_events(case, access))
                    staff = access in ("observer", "handler")
                    self.assertEqual(ACTOR[case] in text, staff, text)
                    for e in body["events"]:
                        self.assertIn("update", e)
                        if not staff:
                            self.assertEqual(e["note"], "")
                            self.assertIn(e["actor"], ("staff", "system", "reporter"))

    def test_case_photo(self):
        for case in "ABC":
            for caller in CALLERS:
                with self.subTest(case=case, caller=caller):
                    status, body, _ = self.get(self.media[case], caller, case)
                    access = ACCESS[case].get(caller)
                    if caller == "wrongpin":
                        self.assertEqual(status, 401)
                    elif access == "public":
                        self.assertEqual(status, 403)
                        self.assertNotEqual(body, JPEG)
                    else:
                        self.assertEqual((status, body), (200, JPEG))

    def test_case_lists(self):
        a, b, c = ({(k, f) for f in ["title", "body", "outcome", "location"]} for k in "ABC")
        # Lists carry no contacts and no notes; a private case is listed (with its text) to staff
        # whose unit covers the listed unit, and to the member who forwarded it (mine=true).
        table = [
            ("?unit=C001&limit=100", {"anon": c, "bienson": a | c, "sonhai": c, "deptnre": c,
                                      "member01": c, "member02": c, "supervisor": a | c}),
            ("?unit=C002&limit=100", {"anon": set(), "bienson": set(), "sonhai": b,
                                      "deptnre": set(), "member01": set(), "member02": set(),
                                      "supervisor": b}),
            ("?limit=100", {"anon": c, "bienson": a | c, "sonhai": b, "deptnre": b,
                            "member01": c, "member02": c, "supervisor": a | b | c}),
            ("?mine=true&limit=100", {"member01": a, "member02": set(), "bienson": set(),
                                      "sonhai": set(), "deptnre": set(), "supervisor": set()}),
            (f"?q={m('A', 'body')}&unit=C001", {"anon": set(), "bienson": a, "sonhai": set(),
                                                 "member01": set(), "supervisor": a}),
        ]
        for query, expected in table:
            for caller, want in expected.items():
                with self.subTest(query=query, caller=caller):
                    status, body, _ = self.get("/api/v1/cases" + query, caller)
                    self.assertEqual(status, 200, body)
                    self.assertEqual(self.found(self.text_of(body)), want)
                    for listed in body["cases"]:
                        self.assertNotIn("reporter", listed)

    def test_open311_shows_the_public_view_only(self):
        ids = ",".join(self.codes[k] for k in "ABC")
        public = {("C", "body"), ("C", "outcome"), ("C", "location")}
        paths = [f"/open311/v2/requests.json?service_request_id={ids}",
                 f"/open311/v2/requests.xml?service_request_id={ids}",
                 "/open311/v2/requests.json", "/open311/v2/requests.xml"]
        paths += [f"/open311/v2/requests/{self.codes[k]}.{fmt}" for k in "ABC"
                  for fmt in ("json", "xml")]
        for path in paths:
            for caller in ["anon", "bienson", "deptnre", "supervisor"]:
                with self.subTest(path=path, caller=caller):
                    status, body, _ = self.get(path, caller)
                    self.assertEqual(status, 200, body)
                    found = self.found(self.text_of(body))
                    single = re.search(r"requests/(\w+)\.", path)
                    if single and single.group(1) != self.codes["C"]:
                        self.assertEqual(found, set())
                    else:
                        self.assertEqual(found, public)

    def test_figures_carry_no_case_text(self):
        today = datetime.date.today()
        frm = (today - datetime.timedelta(days=7)).isoformat()
        to = (today + datetime.timedelta(days=1)).isoformat()
        for path in [f"/api/v1/stats/summary?from={frm}&to={to}",
                     f"/api/v1/stats/summary?unit=C001&from={frm}&to={to}",
                     f"/api/v1/stats/units?from={frm}&to={to}",
                     f"/api/v1/stats/series?unit=C001&from={frm}&to={to}"]:
            for caller in ["anon", "bienson", "supervisor"]:
                with self.subTest(path=path, caller=caller):
                    status, body, _ = self.get(path, caller)
                    self.assertEqual(status, 200, body)
                    self.assertEqual(self.found(self.text_of(body)), set())

    def test_outbox_admin_view_shows_no_message_text(self):
        status, body, _ = self.s.request("GET", "/api/v1/admin/outbox?limit=100", token=ADMIN)
        self.assertEqual(status, 200, body)
        self.assertEqual(self.found(self.text_of(body)), set())

    # --- notices and SMS ----------------------------------------------------------------

    def sms(self, phone, text):
        body = json.dumps({"deviceId": "d", "event": "sms:received", "id": "p-" + phone + text[:8],
                           "payload": {"messageId": "x", "message": text, "phoneNumber": phone,
                                       "simNumber": 1,
                                       "receivedAt": "2026-11-23T15:46:11.000+07:00"},
                           "webhookId": "wh-1"}).encode()
        ts = str(int(time.time()))
        sig = hmac.new(SMS_KEY.encode(), body + ts.encode(), hashlib.sha256).hexdigest()
        status, r, _ = self.s.request("POST", "/channels/sms/android-gateway", raw=body,
                                      headers={"Content-Type": "application/json",
                                               "X-Timestamp": ts, "X-Signature": sig})
        self.assertEqual(status, 200, r)

    def test_notices_carry_the_public_update_and_never_the_internal_note(self):
        phone = new_phone()
        self.sms(phone, f"LAPOR {PLACE} saluran air tersumbat")
        code, _ = sms_receipt(self.fake.wait_for(phone, 1)[0])
        self.act(code, "accept", OFFICER_C001, update="MKSMSUPDATE1", note="MKSMSNOTE1")
        self.act(code, "note", OFFICER_C001, note="MKSMSNOTE2")  # internal only: no message
        self.act(code, "note", OFFICER_C001, update="MKSMSUPDATE2")
        texts = self.fake.wait_for(phone, 3)
        self.assertEqual(len(texts), 3, texts)
        self.assertIn("MKSMSUPDATE1", texts[1])
        self.assertIn(f"{code}: MKSMSUPDATE2", texts[2])
        for t in texts:
            self.assertNotIn("MKSMSNOTE", t)

    def test_status_by_sms_gives_a_private_answer_only_to_the_reporter(self):
        stranger = new_phone()
        self.sms(stranger, f"CEK {self.codes['A']}")
        texts = self.fake.wait_for(stranger, 1)
        self.assertEqual(len(texts), 1, texts)
        self.assertIn(self.codes["A"], texts[0])
        self.assertEqual(self.found(texts[0]), set())
        self.sms(stranger, f"CEK {self.codes['C']}")  # a public case's answer is public
        texts = self.fake.wait_for(stranger, 2)
        self.assertIn(m("C", "outcome"), texts[1])

    # --- writes -------------------------------------------------------------------------

    def test_only_the_handling_unit_acts_and_the_observer_only_notes(self):
        code_b = self.codes["B"]
        for token, action, body, status in [
            (OFFICER_C002, "reopen", {}, 403),          # the commune where B lies observes
            (OFFICER_C002, "note", {"update": "public words"}, 403),  # no public update
            (OFFICER_C001, "note", {"note": "x"}, 403),  # another commune: not even a note
            (MEMBER, "note", {"note": "x"}, 403),
            (DEPT, "note", {"note": "x", "update": "public words"}, 200),
        ]:
            with self.subTest(token=token, action=action, body=body):
                got, r, _ = self.s.request("POST", f"/api/v1/cases/{code_b}/actions/{action}",
                                           body, token=token)
                self.assertEqual(got, status, r)
        # A refused observer action changed nothing; the handler's reply shows the contact.
        _, events, _ = self.s.request("GET", f"/api/v1/cases/{code_b}/events", token=DEPT)
        self.assertNotIn("reopened", [e["kind"] for e in events["events"]])
        got, r, _ = self.s.request("POST", f"/api/v1/cases/{self.codes['A']}/actions/note",
                                   {"note": "checked"}, token=OFFICER_C001)
        self.assertEqual(got, 200, r)
        self.assertEqual(r["reporter"]["name"], m("A", "repname"))
        got, r, _ = self.s.request("POST", f"/api/v1/cases/{code_b}/actions/note",
                                   {"note": "checked"}, token=OFFICER_C002)
        self.assertEqual(got, 200, r)
        self.assertNotIn("reporter", r)
        self.assertEqual(r["access"], "observer")

    def test_assignees_are_listed_to_the_handling_unit_only(self):
        for case in "ABC":
            for caller in CALLERS:
                with self.subTest(case=case, caller=caller):
                    status, body, _ = self.get(f"/api/v1/cases/{self.codes[case]}/assignees",
                                               caller, case)
                    access = ACCESS[case][caller] if caller != "wrongpin" else "public"
                    if caller in ("anon", "pin", "wrongpin"):
                        self.assertEqual(status, 401, body)
                    elif access != "handler":
                        self.assertEqual(status, 403, body)
                    else:
                        self.assertEqual(status, 200, body)
                        names = [a["name"] for a in body["assignees"]]
                        self.assertIn(ACTOR[case], names)
                        self.assertFalse(any(n.startswith("member") for n in names), names)
                    self.assertEqual(self.found(self.text_of(body)), set())

    def test_the_server_log_holds_no_marker(self):
        log = self.s.log_text()
        self.assertIn(" debug ", log)  # the log the check reads is the server's, every line
        self.assertEqual(self.found(log), set())



class RegistryPrivacyTest(unittest.TestCase):
    """The registry's personal data (issue 16): a person's name and phone and a household's head
    and phone reach staff whose unit covers them, and nobody else: not the public, not members,
    not another commune, not a department, not the indicator, not the log."""
    NAME, PHONE = "MKREGNAME", "84917770001"
    HEAD, HHPHONE = "MKREGHEAD", "84917770002"
    MARKERS = (NAME, PHONE, HEAD, HHPHONE)
    # Who reads the lists of Bien Son (C001), and who reads one of its records.
    SEES = {"bienson": 200, "supervisor": 200, "anon": 401, "member01": 403, "sonhai": 403,
            "deptnre": 403}
    ONE = {"bienson": 200, "supervisor": 200, "anon": 401, "member01": 403, "sonhai": 404,
           "deptnre": 404}

    @classmethod
    def setUpClass(cls):
        cls.s = Server(cases=10, log_level="debug")
        for path, body in [
                ("/api/v1/households", {"code": "MK-HH", "unit": "C001-V03", "head_name": cls.HEAD,
                                        "size": 4, "phone": "+" + cls.HHPHONE, "poverty": "poor",
                                        "poverty_assessed": "2026-01-15"}),
                ("/api/v1/organizations", {"code": "MK-CELL", "kind": "party_cell",
                                           "name": "Chi bo", "unit": "C001-V03"}),
                ("/api/v1/people", {"code": "MK-P", "name": cls.NAME, "unit": "C001-V03",
                                    "phone": "+" + cls.PHONE, "household": "MK-HH"}),
                ("/api/v1/positions", {"person": "MK-P", "title": "cell_secretary",
                                       "organization": "MK-CELL", "from": "2026-01-01"}),
                ("/api/v1/elections", {"code": "MK-EL", "unit": "C001-V03",
                                       "term_from": "2026-12-01", "term_to": "2027-12-31",
                                       "planned_on": "2026-11-01", "candidates": ["MK-P"]}),
                ("/api/v1/campaigns", {"code": "MKCAMP", "kind": "road_building",
                                       "title": "Đường bản", "unit": "C001", "from": "2026-01-01",
                                       "to": "2026-12-31"}),
                ("/api/v1/campaigns/MKCAMP/participations", {"person": "MK-P", "days": 3}),
                ("/api/v1/organizations", {"code": "MK-GRP", "kind": "core_mobilization_group",
                                           "name": "To nong cot", "unit": "C001-V03"}),
                ("/api/v1/positions", {"person": "MK-P", "title": "member",
                                       "organization": "MK-GRP", "from": "2026-01-01"}),
                ("/api/v1/awards", {"code": "MK-AW", "title": "Thi dua", "unit": "C001",
                                    "from": "2026-01-01", "to": "2026-12-31",
                                    "criteria": [{"measure": "workdays", "weight": 2}]}),
                ("/api/v1/awards/MK-AW/nominations", {"person": "MK-P", "reason": "3 days"})]:
            status, r, _ = cls.s.request("POST", path, body, token=OFFICER_C001)
            assert status == 201, (path, r)

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def found(self, payload):
        text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
        return {m for m in self.MARKERS if m in text}

    def check(self, path, expected, markers):
        for caller, want in expected.items():
            with self.subTest(path=path, caller=caller):
                status, body, _ = self.s.request("GET", path, token=TOKENS.get(caller))
                self.assertEqual(status, want, body)
                self.assertEqual(self.found(body), markers if want == 200 else set())

    def test_lists(self):
        self.check("/api/v1/people?unit=C001", self.SEES, {self.NAME, self.PHONE})
        self.check("/api/v1/households?unit=C001", self.SEES, {self.HEAD, self.HHPHONE})
        self.check("/api/v1/positions?unit=C001", self.SEES, {self.NAME})
        self.check("/api/v1/organizations?unit=C001", self.SEES, set())
        self.check("/api/v1/elections?unit=C001", self.SEES, {self.NAME})
        # Another commune's staff read the campaign's roster, but only their own people in it.
        for caller, (want, markers) in {"bienson": (200, {self.NAME}),
                                        "supervisor": (200, {self.NAME}), "anon": (401, set()),
                                        "member01": (403, set()), "sonhai": (200, set()),
                                        "deptnre": (200, set())}.items():
            with self.subTest(roster=caller):
                status, body, _ = self.s.request("GET", "/api/v1/campaigns/MKCAMP/participations",
                                                 token=TOKENS.get(caller))
                self.assertEqual(status, want, body)
                self.assertEqual(self.found(body), markers)

    def test_reflections_name_members_to_staff_in_scope_only(self):
        # Counts are public; the members' names only for staff who manage the group's unit.
        for caller, markers in {"bienson": {self.NAME}, "supervisor": {self.NAME}, "anon": set(),
                                "member01": set(), "sonhai": set(), "deptnre": set()}.items():
            with self.subTest(caller=caller):
                status, body, _ = self.s.request(
                    "GET", "/api/v1/indicators/reflections?organization=MK-GRP",
                    token=TOKENS.get(caller))
                self.assertEqual(status, 200, body)
                self.assertEqual(body["members"], 1)
                self.assertEqual(self.found(body), markers)

    def test_the_ranking_is_for_staff_and_awardees_show_a_name_and_a_unit_only(self):
        self.check("/api/v1/awards/MK-AW/ranking", self.SEES, {self.NAME})
        status, r, _ = self.s.request("POST", "/api/v1/awards/MK-AW/decision",
                                      {"title": "Giay khen", "number": "1/QD",
                                       "date": "2026-12-31"}, token=OFFICER_C001)
        self.assertIn(status, (200, 409), r)  # decided once, whichever test ran first
        for caller in ("anon", "member01", "sonhai"):
            for path in ("/api/v1/awards/MK-AW/awardees",
                         "/api/v1/awards/MK-AW/awardees/MK-P/certificate?lang=en"):
                with self.subTest(caller=caller, path=path):
                    status, body, _ = self.s.request("GET", path, token=TOKENS.get(caller))
                    self.assertEqual(status, 200, body)
                    text = body.decode() if isinstance(body, bytes) else body
                    self.assertEqual(self.found(text), {self.NAME})  # never a phone or household
        for path in ("/api/v1/awards", "/api/v1/awards/MK-AW"):
            status, body, _ = self.s.request("GET", path)
            self.assertEqual((status, self.found(body)), (200, set()), body)

    def test_one_record(self):
        self.check("/api/v1/people/MK-P", self.ONE, {self.NAME, self.PHONE})
        self.check("/api/v1/households/MK-HH", self.ONE, {self.HEAD, self.HHPHONE})
        self.check("/api/v1/organizations/MK-CELL", self.ONE, set())
        self.check("/api/v1/elections/MK-EL", self.ONE, {self.NAME})

    def test_exports_carry_names_to_staff_in_scope_and_never_a_phone(self):
        for table, names in (("people", {self.NAME}), ("households", {self.HEAD}),
                             ("positions", set()), ("participations", set())):  # codes only
            for caller, want in self.SEES.items():
                with self.subTest(table=table, caller=caller):
                    status, body, _ = self.s.request(
                        "GET", f"/api/v1/exports/registry/{table}?unit=C001",
                        token=TOKENS.get(caller))
                    self.assertEqual(status, want, body)
                    text = body.decode() if isinstance(body, bytes) else json.dumps(body)
                    self.assertEqual(self.found(text), names if want == 200 else set())

    def test_another_communes_officer_sees_none_of_it_in_their_own_lists(self):
        for path in ("/api/v1/people", "/api/v1/households", "/api/v1/positions",
                     "/api/v1/elections"):
            status, body, _ = self.s.request("GET", path, token=OFFICER_C002)
            self.assertEqual(status, 200, body)
            self.assertEqual(self.found(body), set())

    def test_the_indicator_is_public_and_carries_no_personal_data(self):
        for caller in ("anon", "member01", "bienson"):
            for path in ("/api/v1/indicators/concurrency?unit=C001",
                         "/api/v1/indicators/mobilization?unit=C001", "/api/v1/campaigns",
                         "/api/v1/indicators/village-facts?unit=C001-V03",
                         "/api/v1/campaigns/MKCAMP"):
                status, body, _ = self.s.request("GET", path, token=TOKENS.get(caller))
                self.assertEqual(status, 200, body)
                self.assertEqual(self.found(body), set())

    def test_the_server_log_holds_no_marker(self):
        log = self.s.log_text()
        self.assertIn(" debug ", log)  # the log the check reads is the server's, every line
        self.assertEqual(self.found(log), set())


if __name__ == "__main__":
    unittest.main()


class AccountPrivacyTest(unittest.TestCase):
    """Accounts (issue 19): only an admin reads one, and no answer or log line carries a token,
    a password, their hashes, or a session's values."""

    def test_accounts_are_read_by_admins_only_and_hold_no_secret(self):
        s = Server(cases=5, log_level="debug")
        try:
            status, body, res = s.request("POST", "/api/v1/session",
                                          {"name": "officer.bienson", "password": "jembatan-demo"})
            cookie = res.getheader("Set-Cookie").split(";")[0]
            csrf = body["csrf_token"]
            status, _, _ = s.request("POST", "/api/v1/session/password",
                                     {"current_password": "jembatan-demo",
                                      "new_password": "MKNEWPASSWORD-1"},
                                     headers={"Cookie": cookie, "X-CSRF-Token": csrf})
            self.assertEqual(status, 204)
            status, rotated, _ = s.request("POST", "/api/v1/users/member01/rotate-token",
                                           token=ADMIN)
            self.assertEqual(status, 201)
            for token, expected in ((None, 401), ("jbt_demo_member02", 403), (OFFICER_C001, 403),
                                    ("jbt_demo_supervisor", 403), (ADMIN, 200)):
                status, _, _ = s.request("GET", "/api/v1/users/officer.bienson", token=token)
                self.assertEqual(status, expected, token)
            hashes = {row[0] for row in s.sql("SELECT token_hash FROM users")} | {
                row[0] for row in s.sql("SELECT password_hash FROM users")} | {
                row[0] for row in s.sql("SELECT id_hash FROM sessions")}
            secrets = {rotated["token"], "MKNEWPASSWORD-1", cookie.split("=", 1)[1], csrf,
                       "jembatan-demo"} | {h for h in hashes if h}
            for name in ("officer.bienson", "member01"):
                status, account, _ = s.request("GET", f"/api/v1/users/{name}", token=ADMIN)
                text = json.dumps(account)
                for secret in secrets:
                    self.assertNotIn(secret, text)
            log = s.log_text()
            self.assertIn(" debug ", log)
            for secret in secrets:
                self.assertNotIn(secret, log)
        finally:
            s.close()


class EveryRouteIsInTheMatrixTest(unittest.TestCase):
    """A new GET route must be placed: in the matrix above, or among those without case data."""
    IN_MATRIX = {"/api/v1/cases", "/api/v1/cases/{code}", "/api/v1/cases/{code}/events",
                 "/api/v1/cases/{code}/assignees",
                 "/api/v1/cases/{code}/media/{id}", "/api/v1/stats/summary",
                 "/api/v1/stats/units", "/api/v1/stats/series", "/api/v1/admin/outbox",
                 # the registry's personal data: RegistryPrivacyTest
                 "/api/v1/people", "/api/v1/people/{code}", "/api/v1/households",
                 "/api/v1/households/{code}", "/api/v1/positions", "/api/v1/organizations",
                 "/api/v1/organizations/{code}", "/api/v1/indicators/concurrency",
                 "/api/v1/exports/registry/{table}", "/api/v1/elections",
                 "/api/v1/elections/{code}", "/api/v1/campaigns/{code}/participations",
                 "/api/v1/indicators/mobilization", "/api/v1/indicators/reflections",
                 "/api/v1/awards/{code}/ranking", "/api/v1/awards/{code}/awardees",
                 "/api/v1/awards/{code}/awardees/{person}/certificate",
                 "/api/v1/indicators/village-facts",
                 # accounts: AccountPrivacyTest
                 "/api/v1/users/{name}"}
    NO_CASE_DATA = {"/api/v1/campaigns", "/api/v1/campaigns/{code}",  # no one's data
                    "/api/v1/awards", "/api/v1/awards/{code}",
                    "/api/v1/categories", "/api/v1/places", "/api/v1/config", "/api/v1/openapi.json",
                    "/api/v1/session", "/api/v1/units", "/api/v1/units/{code}", "/healthz",
                    "/metrics"}  # counts by route and status: tests/integration/test_metrics.py

    def test_every_get_route_is_placed(self):
        from test_api import served_routes
        gets = {path for method, path in served_routes() if method == "GET"}
        self.assertEqual(gets - self.IN_MATRIX - self.NO_CASE_DATA, set())
