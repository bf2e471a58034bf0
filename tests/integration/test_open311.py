"""Open311 GeoReport v2 against the real binary, as a third-party client sees it: element names
and order as in the specification's examples, both formats, its error documents and codes."""
import json
import os
import subprocess
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

from harness import OFFICER_C001, Server

BASE = "/open311/v2/"
CLIENT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "open311-client")
FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}

# The fields of each document, in the order of the specification's examples.
SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords",
                  "group"]
ATTRIBUTE_FIELDS = ["variable", "code", "datatype", "required", "datatype_description", "order",
                    "description"]
REQUEST_FIELDS = ["service_request_id", "status", "status_notes", "service_name", "service_code",
                  "description", "agency_responsible", "service_notice", "requested_datetime",
                  "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
                  "lat", "long", "media_url"]


class Open311Test(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Server(cases=200)
        out = cls.s.run_cli("open311", "key", "add", "--db", cls.s.db, "--name", "test client")
        cls.key = out.strip().splitlines()[-1]

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    # --- helpers -------------------------------------------------------------------------

    def get(self, path):
        status, body, res = self.s.request("GET", path)
        return status, body, res

    def xml(self, path, expect=200):
        status, body, res = self.get(path)
        self.assertEqual(status, expect, body)
        self.assertEqual(res.getheader("Content-Type"), "text/xml; charset=utf-8")
        self.assertTrue(body.startswith(b'<?xml version="1.0" encoding="utf-8"?>'), body[:60])
        return ET.fromstring(body)

    def post(self, fields, fmt="json", raw=None, headers=FORM):
        data = raw if raw is not None else urllib.parse.urlencode(fields).encode()
        return self.s.request("POST", BASE + "requests." + fmt, raw=data, headers=headers)

    def submit(self, **fields):
        base = {"api_key": self.key, "service_code": "roads_bridges",
                "description": "Jembatan gantung putus"}
        base.update(fields)
        status, body, _ = self.post(base)
        self.assertEqual(status, 200, body)
        self.assertEqual(len(body), 1)
        return body[0]

    def case_count(self):
        return int(self.s.sql("SELECT COUNT(*) FROM cases")[0][0])

    def assert_error(self, status, body, code, fmt="json"):
        self.assertEqual(status, code, body)
        if fmt == "json":
            self.assertIsInstance(body, list)
            self.assertEqual(body[0]["code"], code)
            self.assertTrue(body[0]["description"])
        else:
            root = ET.fromstring(body)
            self.assertEqual(root.tag, "errors")
            self.assertEqual(root.find("error/code").text, str(code))

    # --- discovery and services ----------------------------------------------------------

    def test_discovery_points_at_the_v2_endpoint_in_both_formats(self):
        root = self.xml("/open311/discovery.xml")
        self.assertEqual([c.tag for c in root], ["changeset", "contact", "key_service", "endpoints"])
        ep = root.find("endpoints/endpoint")
        self.assertEqual(ep.find("specification").text, "http://wiki.open311.org/GeoReport_v2")
        self.assertEqual(ep.find("type").text, "production")
        self.assertEqual([f.text for f in ep.findall("formats/format")],
                         ["text/xml", "application/json"])
        url = urllib.parse.urlparse(ep.find("url").text)
        self.assertEqual(url.path, BASE)
        status, doc, _ = self.get(BASE + "discovery.json")
        self.assertEqual(status, 200)
        self.assertEqual(doc["endpoints"][0]["url"], ep.find("url").text)

    def test_services_are_our_categories(self):
        root = self.xml(BASE + "services.xml")
        self.assertEqual(root.tag, "services")
        services = root.findall("service")
        self.assertEqual(len(services), 15)
        for s in services:
            self.assertEqual([c.tag for c in s], SERVICE_FIELDS)
            self.assertEqual(s.find("metadata").text, "true")
            self.assertEqual(s.find("type").text, "realtime")
        status, js, _ = self.get(BASE + "services.json")
        self.assertEqual(status, 200)
        self.assertEqual([s["service_code"] for s in js], [s.find("service_code").text for s in services])
        roads = next(s for s in js if s["service_code"] == "roads_bridges")
        self.assertEqual(roads["service_name"], "Jalan dan jembatan")
        self.assertEqual(list(roads), SERVICE_FIELDS)

    def test_service_definition_lists_our_attributes(self):
        root = self.xml(BASE + "services/roads_bridges.xml")
        self.assertEqual(root.tag, "service_definition")
        self.assertEqual(root.find("service_code").text, "roads_bridges")
        attrs = root.findall("attributes/attribute")
        self.assertEqual([a.find("code").text for a in attrs],
                         ["unit", "visibility", "title", "sms_updates"])
        for a in attrs:
            self.assertEqual([c.tag for c in a][:7], ATTRIBUTE_FIELDS)
        values = attrs[1].findall("values/value")
        self.assertEqual([v.find("key").text for v in values], ["public", "private"])
        consent = attrs[3].findall("values/value")
        self.assertEqual([v.find("key").text for v in consent], ["yes", "no"])
        status, body, _ = self.get(BASE + "services/no_such.json")
        self.assert_error(status, body, 404)

    # --- POST and GET requests -----------------------------------------------------------

    def test_post_by_unit_code_then_follow_it_to_the_answer(self):
        r = self.submit(**{"attribute[unit]": "C001-V01", "first_name": "Siti", "last_name": "A",
                           "phone": "0812000111", "email": "siti@example.org"})
        self.assertEqual(list(r), ["service_request_id", "service_notice", "account_id"])
        code = r["service_request_id"]
        self.assertIn(code, r["service_notice"])
        self.assertRegex(r["service_notice"], r"PIN \d{6}")  # the reporter's way to confirm later
        self.assertIsNone(r["account_id"])

        root = self.xml(BASE + "requests/%s.xml" % code)
        req = root.find("request")
        self.assertEqual([c.tag for c in req], REQUEST_FIELDS)
        self.assertEqual(req.find("status").text, "open")
        self.assertEqual(req.find("address_id").text, "C001-V01")
        self.assertEqual(req.find("agency_responsible").text, "Bien Son")
        self.assertTrue(req.find("address").text.startswith("Ban Quang 1, Bien Son"))
        self.assertTrue(req.find("expected_datetime").text.endswith("Z"))
        raw = self.get(BASE + "requests/%s.xml" % code)[1] + self.get(BASE + "requests/%s.json" % code)[1].__repr__().encode()
        for secret in (b"Siti", b"0812000111", b"siti@example.org"):
            self.assertNotIn(secret, raw)  # personal data never in a public view

        # The commune answers through its own API; Open311 shows the answer.
        for action, body in (("accept", {}), ("start", {}),
                             ("resolve", {"answer": "Diperbaiki 20 Nov."})):
            status, out, _ = self.s.request("POST", "/api/v1/cases/%s/actions/%s" % (code, action),
                                            body=body, token=OFFICER_C001)
            self.assertEqual(status, 200, out)
        status, js, _ = self.get(BASE + "requests/%s.json" % code)
        self.assertEqual(status, 200)
        self.assertEqual(list(js[0]), REQUEST_FIELDS)
        self.assertEqual(js[0]["status"], "closed")
        self.assertEqual(js[0]["status_notes"], "Diperbaiki 20 Nov.")
        self.assertIsNone(js[0]["expected_datetime"])
        self.assertGreaterEqual(js[0]["updated_datetime"], js[0]["requested_datetime"])

    def test_post_by_address_string_point_or_address_id(self):
        by_address = self.submit(address_string="Ban Quang 1, Xa Bien Son, Demo")
        by_id = self.submit(address_id="C001-V02")
        # A point a little off the centre of Bien Son's third village (the demo's villages have
        # centres, published by /api/v1/places) lands in that village.
        _, places, _ = self.s.request("GET", "/api/v1/places")
        v03 = next(p for p in places["places"] if p["code"] == "C001-V03")
        by_point = self.submit(lat="%.7f" % (v03["lat"] + 0.0004), long="%.7f" % v03["lon"])
        got = {}
        for name, r in (("address", by_address), ("id", by_id), ("point", by_point)):
            status, js, _ = self.get(BASE + "requests/%s.json" % r["service_request_id"])
            got[name] = js[0]
        self.assertEqual(got["address"]["address_id"], "C001-V01")
        self.assertEqual(got["id"]["address_id"], "C001-V02")
        self.assertEqual(got["point"]["address_id"], "C001-V03")
        self.assertAlmostEqual(got["point"]["lat"], v03["lat"] + 0.0004, places=6)

    def test_xml_post_and_description_optional(self):
        status, body, res = self.post({"api_key": self.key, "service_code": "health",
                                       "address_id": "C002"}, fmt="xml")
        self.assertEqual(status, 200, body)
        root = ET.fromstring(body)
        self.assertEqual(root.tag, "service_requests")
        code = root.find("request/service_request_id").text
        self.assertIsNotNone(root.find("request/account_id"))
        status, js, _ = self.get(BASE + "requests/%s.json" % code)
        self.assertEqual(js[0]["description"], "Kesehatan")  # the service's name stands in

    def test_list_filters_by_code_status_service_and_dates(self):
        a = self.submit(address_id="C001-V03")["service_request_id"]
        b = self.submit(address_id="C001-V04", service_code="health")["service_request_id"]
        status, js, _ = self.get(BASE + "requests.json?service_request_id=%s,NOPE0000,%s" % (a, b))
        self.assertEqual(status, 200)
        self.assertEqual(sorted(r["service_request_id"] for r in js), sorted([a, b]))
        status, js, _ = self.get(BASE + "requests.json?service_code=health&status=open")
        self.assertTrue(js)
        self.assertTrue(all(r["service_code"] == "health" and r["status"] == "open" for r in js))
        self.assertIn(b, [r["service_request_id"] for r in js])
        status, js, _ = self.get(BASE + "requests.json?status=closed")
        self.assertTrue(all(r["status"] == "closed" for r in js))
        status, js, _ = self.get(BASE + "requests.json?start_date=2001-01-01T00:00:00Z&end_date=2001-02-01T00:00:00Z")
        self.assertEqual((status, js), (200, []))
        status, js, _ = self.get(BASE + "requests.json?service_code=nothing_like_it")
        self.assertEqual((status, js), (200, []))
        status, js, _ = self.get(BASE + "requests.json")
        self.assertEqual(js[0]["service_request_id"], b)  # newest first
        self.assertLessEqual(len(js), 1000)
        root = self.xml(BASE + "requests.xml?status=open")
        self.assertTrue(all(r.find("status").text == "open" for r in root.findall("request")))

    def test_private_requests_are_not_listed_and_hide_their_text(self):
        r = self.submit(address_id="C001-V05", description="Rahasia: sengketa tanah keluarga",
                        **{"attribute[visibility]": "private"})
        code = r["service_request_id"]
        status, js, _ = self.get(BASE + "requests.json")
        self.assertNotIn(code, [x["service_request_id"] for x in js])
        status, js, _ = self.get(BASE + "requests/%s.json" % code)
        self.assertEqual(status, 200)
        self.assertIsNone(js[0]["description"])

    # --- errors: the spec's document and status, and nothing stored ---------------------

    def test_api_key_missing_invalid_or_revoked_is_403(self):
        before = self.case_count()
        fields = {"service_code": "roads_bridges", "address_id": "C001", "description": "x"}
        for key in (None, "", "jbt_not_a_key"):
            f = dict(fields)
            if key is not None:
                f["api_key"] = key
            for fmt in ("json", "xml"):
                status, body, _ = self.post(f, fmt=fmt)
                self.assert_error(status, body, 403, fmt)
        out = self.s.run_cli("open311", "key", "add", "--db", self.s.db, "--name", "revoke me")
        key = out.strip().splitlines()[-1]
        key_id = out.split("#")[1].split()[0]
        self.assertEqual(self.post(dict(fields, api_key=key))[0], 200)
        self.s.run_cli("open311", "key", "revoke", "--db", self.s.db, "--id", key_id)
        status, body, _ = self.post(dict(fields, api_key=key))
        self.assert_error(status, body, 403)
        self.assertEqual(self.case_count(), before + 1)
        listing = self.s.run_cli("open311", "key", "list", "--db", self.s.db)
        self.assertIn("revoke me", listing)
        self.assertNotIn(key, listing)

    def test_bad_requests_are_400_or_404_and_store_nothing(self):
        before = self.case_count()
        k = self.key
        cases = [
            ({"api_key": k, "address_id": "C001"}, 400),                          # no service_code
            ({"api_key": k, "service_code": "nope", "address_id": "C001"}, 404),  # unknown service
            ({"api_key": k, "service_code": "health"}, 400),                      # no location
            ({"api_key": k, "service_code": "health", "lat": "22.2"}, 400),       # lat without long
            ({"api_key": k, "service_code": "health", "lat": "x", "long": "1"}, 400),
            ({"api_key": k, "service_code": "health", "lat": "95", "long": "105"}, 400),
            ({"api_key": k, "service_code": "health", "lat": "10.8", "long": "106.7"}, 400),  # far
            ({"api_key": k, "service_code": "health", "address_string": "Thon Lam 10"}, 400),  # 5 fit
            ({"api_key": k, "service_code": "health", "address_string": "Paris"}, 400),
            ({"api_key": k, "service_code": "health", "address_id": "Z999"}, 400),
            ({"api_key": k, "service_code": "health", "address_id": "C001",
              "description": "x" * 4001}, 400),
            ({"api_key": k, "service_code": "health", "address_id": "C001",
              "attribute[visibility]": "secret"}, 400),
            ({"api_key": k, "service_code": "health", "address_id": "C001",
              "jurisdiction_id": "elsewhere.gov"}, 404),
        ]
        for fields, code in cases:
            for fmt in ("json", "xml"):
                status, body, _ = self.post(fields, fmt=fmt)
                with self.subTest(fields=fields, fmt=fmt):
                    self.assert_error(status, body, code, fmt)
        status, body, _ = self.post({"api_key": k, "service_code": "health",
                                     "address_string": "Thon Lam 10"})
        self.assertIn("attribute[unit]", body[0]["description"])  # says how to settle it
        # Not form-encoded, not UTF-8.
        status, body, _ = self.post(None, raw=json.dumps({"api_key": k}).encode(),
                                    headers={"Content-Type": "application/json"})
        self.assert_error(status, body, 400)
        status, body, _ = self.post(None, raw=b"api_key=" + k.encode() +
                                    b"&service_code=health&address_id=C001&description=%FF%FE")
        self.assert_error(status, body, 400)
        self.assertEqual(self.case_count(), before)

    def test_unknown_resources_tokens_and_jurisdictions(self):
        status, body, _ = self.get(BASE + "requests/NOPE0000.json")
        self.assert_error(status, body, 404)
        status, body, _ = self.get(BASE + "tokens/12345.xml")
        self.assert_error(status, body, 404, "xml")
        status, body, _ = self.get(BASE + "services.csv")
        self.assert_error(status, body, 404, "xml")
        status, body, _ = self.get(BASE + "services.json?jurisdiction_id=elsewhere.gov")
        self.assert_error(status, body, 404)
        status, js, _ = self.get(BASE + "services.json?jurisdiction_id=P01")
        self.assertEqual(status, 200)  # ours: the province code
        status, body, _ = self.get(BASE + "requests.json?status=pending")
        self.assert_error(status, body, 400)
        status, body, _ = self.get(BASE + "requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z")
        self.assert_error(status, body, 400)
        status, body, _ = self.get(BASE + "requests.json?start_date=yesterday")
        self.assert_error(status, body, 400)


    # --- a third-party client, unmodified ------------------------------------------------

    def test_code_for_americas_client_files_and_follows_a_request(self):
        """node-open311 (npm `open311` 0.0.12), installed by scripts/install-deps from
        tests/open311-client/package-lock.json, run as published against this server."""
        client = os.path.join(CLIENT_DIR, "node_modules", "open311", "open311.js")
        self.assertTrue(os.path.exists(client), "run scripts/install-deps (npm ci in %s)" % CLIENT_DIR)
        before = self.case_count()
        run = subprocess.run(
            ["node", "check.js", "http://127.0.0.1:%d" % self.s.port, self.key, "C002-V03", "P01"],
            cwd=CLIENT_DIR, capture_output=True, text=True, timeout=60)
        self.assertEqual(run.returncode, 0, run.stderr)
        seen = json.loads(run.stdout)
        self.assertEqual(seen["services"], 15)
        self.assertEqual(self.case_count(), before + 1)
        status, got, _ = self.get(BASE + "requests/%s.json" % seen["filed"])
        self.assertEqual(status, 200)
        self.assertEqual(got[0]["address_id"], "C002-V03")
        # A key it does not have is refused through the client too, and files nothing.
        run = subprocess.run(
            ["node", "check.js", "http://127.0.0.1:%d" % self.s.port, "jbt_not_a_key", "C002-V03",
             "P01"], cwd=CLIENT_DIR, capture_output=True, text=True, timeout=60)
        self.assertEqual(run.returncode, 1)
        self.assertIn("submit: 403", run.stderr)
        self.assertEqual(self.case_count(), before + 1)


if __name__ == "__main__":
    unittest.main()
