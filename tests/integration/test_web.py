"""The server side of the browser app: staff sessions (password, cookie, CSRF, back-off,
sign-out), the static files (cache headers, gzip, CSP, app routes) and the dashboard figures."""
import datetime
import gzip
import os
import shutil
import tempfile
import unittest

from harness import OFFICER_C001, SUPERVISOR, Server

PASSWORD = "jembatan-demo"


def make_dist():
    d = tempfile.mkdtemp(prefix="jembatan-dist-")
    os.makedirs(os.path.join(d, "assets"))
    with open(os.path.join(d, "index.html"), "w") as f:
        f.write("<!doctype html><title>Jembatan</title><div id=app></div>")
    js = b"console.log('jembatan');\n" * 40
    with open(os.path.join(d, "assets", "index-abc123.js"), "wb") as f:
        f.write(js)
    with open(os.path.join(d, "assets", "index-abc123.js.gz"), "wb") as f:
        f.write(gzip.compress(js))
    return d


class WebTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dist = make_dist()
        cls.s = Server(serve_args=["--web", cls.dist,
                                   "--tile-url", "https://tiles.example.org/{z}/{x}/{y}.png"])

    @classmethod
    def tearDownClass(cls):
        cls.s.close()
        shutil.rmtree(cls.dist, ignore_errors=True)

    def sign_in(self, name="officer.bienson", password=PASSWORD):
        status, body, res = self.s.request("POST", "/api/v1/session",
                                           {"name": name, "password": password})
        self.assertEqual(status, 200, body)
        cookie = res.getheader("Set-Cookie")
        self.assertIn("HttpOnly", cookie)
        self.assertIn("Secure", cookie)
        self.assertIn("SameSite=Lax", cookie)
        return cookie.split(";")[0], body["csrf_token"]

    def test_sign_in_gives_a_session_that_acts_as_the_user(self):
        cookie, csrf = self.sign_in()
        status, me, _ = self.s.request("GET", "/api/v1/session", headers={"Cookie": cookie})
        self.assertEqual(status, 200)
        self.assertEqual(me["user"]["name"], "officer.bienson")
        self.assertEqual(me["user"]["role"], "officer")
        self.assertEqual(me["user"]["unit"]["code"], "C001")
        self.assertEqual(me["csrf_token"], csrf)
        # A case of the officer's commune: the session sees the contact, and can accept it.
        status, c, _ = self.s.request("POST", "/api/v1/cases", {
            "body": "Lampu jalan mati", "unit": "C001-V01", "category": "roads_bridges",
            "reporter": {"name": "Ibu Ani", "phone": "+6281234500011"}})
        self.assertEqual(status, 201, c)
        status, full, _ = self.s.request("GET", f"/api/v1/cases/{c['code']}",
                                         headers={"Cookie": cookie})
        self.assertEqual(full["reporter"]["phone"], "+6281234500011")
        status, acc, _ = self.s.request("POST", f"/api/v1/cases/{c['code']}/actions/accept",
                                        headers={"Cookie": cookie, "X-CSRF-Token": csrf})
        self.assertEqual(status, 200, acc)
        self.assertEqual(acc["status"], "accepted")

    def test_a_write_without_the_csrf_token_is_refused_and_changes_nothing(self):
        cookie, csrf = self.sign_in()
        status, c, _ = self.s.request("POST", "/api/v1/cases", {
            "body": "Air bersih tidak mengalir", "unit": "C001-V02", "category": "roads_bridges"})
        code = c["code"]
        for headers in ({"Cookie": cookie}, {"Cookie": cookie, "X-CSRF-Token": "jbt_forged"},
                        {"Cookie": cookie, "X-CSRF-Token": csrf + "x"}):
            status, body, _ = self.s.request("POST", f"/api/v1/cases/{code}/actions/accept",
                                             headers=headers)
            self.assertEqual(status, 403, body)
            self.assertTrue(body["type"].endswith("/forbidden"))
        status, after, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        self.assertEqual(after["status"], "received")
        # Another session's token does not fit this session.
        _, other_csrf = self.sign_in()
        status, _, _ = self.s.request("POST", f"/api/v1/cases/{code}/actions/accept",
                                      headers={"Cookie": cookie, "X-CSRF-Token": other_csrf})
        self.assertEqual(status, 403)

    def test_wrong_password_and_unknown_user_get_the_same_answer(self):
        a = self.s.request("POST", "/api/v1/session",
                           {"name": "officer.sonhai", "password": "not-the-password"})
        b = self.s.request("POST", "/api/v1/session",
                           {"name": "nobody.here", "password": "not-the-password"})
        self.assertEqual(a[0], 401)
        self.assertEqual(b[0], 401)
        self.assertEqual(a[1]["detail"], b[1]["detail"])
        self.assertIsNone(a[2].getheader("Set-Cookie"))

    def test_five_failures_make_this_client_wait_even_for_the_right_password(self):
        for _ in range(5):
            status, _, _ = self.s.request("POST", "/api/v1/session",
                                          {"name": "officer.deptnre", "password": "wrong-password"})
            self.assertEqual(status, 401)
        status, body, res = self.s.request("POST", "/api/v1/session",
                                           {"name": "officer.deptnre", "password": PASSWORD})
        self.assertEqual(status, 429, body)
        self.assertTrue(body["type"].endswith("/too-many-attempts"))
        self.assertEqual(res.getheader("Retry-After"), "60")
        # Other names are not affected (other clients neither: test_abuse.py).
        self.sign_in("supervisor")
        # A name nobody has waits the same way: the 429 does not tell that a name exists.
        for _ in range(5):
            status, _, _ = self.s.request("POST", "/api/v1/session",
                                          {"name": "nobody.at.all", "password": "wrong-password"})
            self.assertEqual(status, 401)
        status, body, _ = self.s.request("POST", "/api/v1/session",
                                         {"name": "nobody.at.all", "password": "wrong-password"})
        self.assertEqual(status, 429, body)

    def test_bad_sign_in_bodies_are_400(self):
        for body in ({"name": "x"}, {"password": "y" * 12}, {"name": 3, "password": "abc"},
                     {"name": "a", "password": "b", "extra": 1}):
            status, problem, _ = self.s.request("POST", "/api/v1/session", body)
            self.assertEqual(status, 400, (body, problem))
        status, _, _ = self.s.request("POST", "/api/v1/session", raw=b"name=a&password=b",
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 415)

    def test_sign_out_ends_the_session(self):
        cookie, csrf = self.sign_in()
        status, _, _ = self.s.request("DELETE", "/api/v1/session", headers={"Cookie": cookie})
        self.assertEqual(status, 403)  # no CSRF token: still signed in
        status, _, res = self.s.request("DELETE", "/api/v1/session",
                                        headers={"Cookie": cookie, "X-CSRF-Token": csrf})
        self.assertEqual(status, 204)
        self.assertIn("Max-Age=0", res.getheader("Set-Cookie"))
        status, _, _ = self.s.request("GET", "/api/v1/session", headers={"Cookie": cookie})
        self.assertEqual(status, 401)
        # An ended session is no caller: public reads work, handling needs a sign-in.
        status, _, _ = self.s.request("GET", "/api/v1/cases?limit=1", headers={"Cookie": cookie})
        self.assertEqual(status, 200)

    def test_user_password_command_and_tokens_still_work(self):
        out = self.s.run_cli("user", "add", "--db", self.s.db, "--name", "officer.new",
                             "--role", "officer", "--unit", "C002", "--password", "a-long-secret")
        self.assertIn("with a password", out)
        self.sign_in("officer.new", "a-long-secret")
        token = out.strip().splitlines()[-1]
        status, _, _ = self.s.request("GET", "/api/v1/cases?limit=1", token=token)
        self.assertEqual(status, 200)
        status, _, _ = self.s.request("GET", "/api/v1/cases?limit=1", token=OFFICER_C001)
        self.assertEqual(status, 200)

    def test_the_app_is_served_with_cache_headers_gzip_and_csp(self):
        status, body, res = self.s.request("GET", "/")
        self.assertEqual(status, 200)
        self.assertIn(b"<div id=app>", body)
        self.assertEqual(res.getheader("Content-Type"), "text/html; charset=utf-8")
        self.assertEqual(res.getheader("Cache-Control"), "no-cache")
        csp = res.getheader("Content-Security-Policy")
        self.assertIn("script-src 'self'", csp)
        self.assertIn("https://tiles.example.org", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        # An app route is the app.
        status, body, _ = self.s.request("GET", "/track/ABCDEFGH")
        self.assertEqual(status, 200)
        self.assertIn(b"<div id=app>", body)
        # Hashed assets: a year, immutable; gzip when accepted.
        status, plain, res = self.s.request("GET", "/assets/index-abc123.js")
        self.assertEqual(res.getheader("Cache-Control"), "public, max-age=31536000, immutable")
        self.assertEqual(res.getheader("Content-Type"), "text/javascript; charset=utf-8")
        self.assertIsNone(res.getheader("Content-Encoding"))
        status, packed, res = self.s.request("GET", "/assets/index-abc123.js",
                                             headers={"Accept-Encoding": "gzip, br"})
        self.assertEqual(res.getheader("Content-Encoding"), "gzip")
        self.assertEqual(gzip.decompress(packed), plain)
        etag = res.getheader("ETag")
        status, _, _ = self.s.request("GET", "/assets/index-abc123.js",
                                      headers={"If-None-Match": etag})
        self.assertEqual(status, 304)
        # A missing asset is 404, and API paths stay the API's.
        self.assertEqual(self.s.request("GET", "/assets/nope.js")[0], 404)
        status, body, _ = self.s.request("GET", "/api/v1/nope")
        self.assertEqual(status, 404)
        self.assertTrue(body["type"].endswith("/not-found"))
        status, config, _ = self.s.request("GET", "/api/v1/config")
        self.assertEqual(config["tile_url"], "https://tiles.example.org/{z}/{x}/{y}.png")
        self.assertEqual(config["province"]["code"], "P01")

    def test_head_answers_like_get_without_a_body(self):
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", self.s.port, timeout=30)
        for path in ["/", "/assets/index-abc123.js", "/api/v1/categories", "/report"]:
            conn.request("GET", path)
            res = conn.getresponse()
            body = res.read()
            # On the same keep-alive connection: a body sent after HEAD would break the next reply.
            conn.request("HEAD", path)
            head = conn.getresponse()
            self.assertEqual(head.status, 200, path)
            self.assertEqual(head.read(), b"", path)
            self.assertEqual(int(head.getheader("Content-Length")), len(body), path)
            self.assertEqual(head.getheader("Content-Type"), res.getheader("Content-Type"), path)
        conn.request("HEAD", "/assets/nope.js")
        missing = conn.getresponse()
        missing.read()
        self.assertEqual(missing.status, 404)
        conn.request("GET", "/healthz")
        self.assertEqual(conn.getresponse().status, 200)
        conn.close()

    def test_place_search_ignores_diacritics(self):
        status, body, _ = self.s.request("GET", "/api/v1/units?q=bien%20son")
        self.assertEqual(status, 200)
        names = [(u["code"], u["level"]) for u in body["units"]]
        self.assertTrue(names, body)
        self.assertTrue(all(code.startswith("C001") for code, _ in names), names)
        self.assertEqual(names[0][1], "village")
        status, body, _ = self.s.request("GET", "/api/v1/units?q=Bi%C3%AAn%20S%C6%A1n")
        self.assertEqual([u["code"] for u in body["units"]][:3], [c for c, _ in names][:3])
        self.assertEqual(self.s.request("GET", "/api/v1/units?q=%FF")[0], 400)
        self.assertEqual(self.s.request("GET", "/api/v1/units?q=" + "a" * 101)[0], 400)
        self.assertEqual(self.s.request("GET", "/api/v1/units?q=zzzzqqq")[1]["units"], [])

    def test_the_reporter_confirms_or_disputes_the_answer_with_the_pin(self):
        status, c, _ = self.s.request("POST", "/api/v1/cases", {
            "body": "Jembatan bambu patah", "unit": "C001-V03", "category": "roads_bridges"})
        code, pin = c["code"], c["pin"]
        path = f"/api/v1/cases/{code}/feedback"
        # Not answered yet: 409; no PIN: 401; bad bodies: 400.
        self.assertEqual(self.s.request("POST", path, {"solved": True},
                                        headers={"X-Case-Pin": pin})[0], 409)
        self.assertEqual(self.s.request("POST", path, {"solved": True})[0], 401)
        for bad in ({}, {"solved": "yes"}, {"solved": True, "x": 1}):
            self.assertEqual(self.s.request("POST", path, bad, headers={"X-Case-Pin": pin})[0], 400)
        for action, body in (("accept", None), ("start", None),
                             ("resolve", {"answer": "Sudah diganti kayu."})):
            status, _, _ = self.s.request("POST", f"/api/v1/cases/{code}/actions/{action}",
                                          body, token=OFFICER_C001)
            self.assertEqual(status, 200)
        wrong = "000000" if pin != "000000" else "111111"
        status, body, _ = self.s.request("POST", path, {"solved": False},
                                         headers={"X-Case-Pin": wrong})
        self.assertEqual(status, 401, body)
        status, body, _ = self.s.request("POST", path, {"solved": True, "reason": "x"},
                                         headers={"X-Case-Pin": pin})
        self.assertEqual(status, 400, body)  # a reason goes with a dispute only
        status, body, _ = self.s.request("POST", path,
                                         {"solved": False, "reason": "Kayunya sudah lapuk lagi"},
                                         headers={"X-Case-Pin": pin})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["status"], "in_progress")
        self.assertEqual(body["reopen_count"], 1)
        self.assertNotIn("reporter", body)
        _, events, _ = self.s.request("GET", f"/api/v1/cases/{code}/events", token=OFFICER_C001)
        reopened = [e for e in events["events"] if e["kind"] == "reopened"][-1]
        self.assertEqual((reopened["actor"], reopened["update"]),
                         ("reporter", "Kayunya sudah lapuk lagi"))
        self.s.request("POST", f"/api/v1/cases/{code}/actions/resolve",
                       {"answer": "Diganti beton."}, token=OFFICER_C001)
        status, body, _ = self.s.request("POST", path, {"solved": True},
                                         headers={"X-Case-Pin": pin})
        self.assertEqual(body["status"], "closed")

    def test_a_photo_is_added_with_the_pin_and_shown_only_in_the_full_view(self):
        status, c, _ = self.s.request("POST", "/api/v1/cases", {
            "body": "Longsor menutup jalan", "unit": "C001-V04", "category": "disaster_damage"})
        code, pin = c["code"], c["pin"]
        png = bytes.fromhex("89504e470d0a1a0a") + b"\0" * 64
        path = f"/api/v1/cases/{code}/photos"
        h = {"Content-Type": "image/png"}
        self.assertEqual(self.s.request("POST", path, raw=png, headers=h)[0], 403)  # no PIN
        wrong = "000000" if pin != "000000" else "111111"
        self.assertEqual(self.s.request("POST", path, raw=png,
                                        headers={**h, "X-Case-Pin": wrong})[0], 401)
        status, body, _ = self.s.request("POST", path, raw=b"<svg onload=alert(1)>",
                                         headers={**h, "X-Case-Pin": pin})
        self.assertEqual(status, 415, body)
        status, body, _ = self.s.request("POST", path, raw=png, headers={**h, "X-Case-Pin": pin})
        self.assertEqual(status, 201, body)
        status, img, res = self.s.request("GET", body["url"], headers={"X-Case-Pin": pin})
        self.assertEqual(status, 200)
        self.assertEqual(img, png)
        self.assertEqual(res.getheader("Content-Type"), "image/png")
        status, full, _ = self.s.request("GET", f"/api/v1/cases/{code}", headers={"X-Case-Pin": pin})
        self.assertEqual([m["status"] for m in full["media"]], ["stored"])
        status, public, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        self.assertNotIn("media", public)
        self.assertEqual(self.s.request("GET", body["url"])[0], 403)

    def test_a_case_keeps_at_most_five_photos_even_when_sent_at_once(self):
        import concurrent.futures
        status, c, _ = self.s.request("POST", "/api/v1/cases", {
            "body": "Jembatan gantung putus", "unit": "C001-V04", "category": "disaster_damage"})
        png = bytes.fromhex("89504e470d0a1a0a") + b"\0" * 64
        h = {"Content-Type": "image/png", "X-Case-Pin": c["pin"]}
        post = lambda _: self.s.request("POST", f"/api/v1/cases/{c['code']}/photos", raw=png,
                                        headers=h)[0]
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            statuses = sorted(pool.map(post, range(8)))
        self.assertEqual(statuses, [201] * 5 + [409] * 3)
        status, full, _ = self.s.request("GET", f"/api/v1/cases/{c['code']}",
                                         headers={"X-Case-Pin": c["pin"]})
        self.assertEqual(len(full["media"]), 5)
        self.assertEqual(post(0), 409)

    def test_inbox_search_and_due_soon(self):
        status, c, _ = self.s.request("POST", "/api/v1/cases", {
            "body": "Saluran irigasi 100% tersumbat lumpur_tebal", "unit": "C001-V02",
            "category": "irrigation_works"})
        found = lambda q: [x["code"] for x in self.s.request(
            "GET", "/api/v1/cases?q=" + q, token=OFFICER_C001)[1]["cases"]]
        self.assertIn(c["code"], found("lumpur_tebal"))
        self.assertIn(c["code"], found(c["code"]))
        self.assertIn(c["code"], found("100%25"))
        # Punctuation is not a word (so "lumpur_tebal" is "lumpur tebal"), and never a wildcard:
        # as LIKE's %, "lum%tebal" would match.
        self.assertIn(c["code"], found("lumpur%25tebal"))
        self.assertNotIn(c["code"], found("lum%25tebal"))
        status, v, _ = self.s.request("POST", "/api/v1/cases", {
            "body": "Cầu treo bản Đông bị gãy", "unit": "C001-V02", "category": "roads_bridges"})
        for q in ("cau%20treo", "C%E1%BA%A6U%20TREO", "ban%20dong", "%C4%91ong"):  # CẦU TREO, đong
            self.assertIn(v["code"], found(q), q)
        self.assertEqual(found("tidak-ada-kata-ini"), [])
        self.assertEqual(self.s.request("GET", "/api/v1/cases?q=" + "a" * 101)[0], 400)
        status, body, _ = self.s.request("GET", "/api/v1/cases?due_soon=true&limit=100",
                                         token=SUPERVISOR)
        self.assertEqual(status, 200)
        for x in body["cases"]:
            self.assertIn(x["status"], ("received", "accepted", "in_progress"))
            self.assertFalse(x["overdue"])

    def test_dashboard_figures(self):
        today = datetime.date.today()
        frm = (today - datetime.timedelta(days=84)).isoformat()
        to = today.isoformat()
        status, units, _ = self.s.request("GET", f"/api/v1/stats/units?from={frm}&to={to}")
        self.assertEqual(status, 200, units)
        rows = units["units"]
        self.assertTrue(any(r["unit"] == "C001" for r in rows))
        self.assertTrue(all("overdue_now" in r and "satisfaction" in r for r in rows))
        status, total, _ = self.s.request("GET", f"/api/v1/stats/summary?from={frm}&to={to}")
        # Each row is that unit's summary (cases located in it or handled by it).
        c001 = next(r for r in rows if r["unit"] == "C001")
        status, one, _ = self.s.request("GET", f"/api/v1/stats/summary?unit=C001&from={frm}&to={to}")
        self.assertEqual({k: c001[k] for k in one}, one)
        self.assertEqual(c001["unit_info"]["name"], "Bien Son")
        status, series, _ = self.s.request(
            "GET", f"/api/v1/stats/series?from={frm}&to={to}&bucket=week")
        self.assertEqual(status, 200, series)
        self.assertEqual(len(series["points"]), 13)
        self.assertEqual(sum(p["received"] for p in series["points"]), total["received"])
        self.assertEqual(sum(p["resolved"] for p in series["points"]), total["resolved"])
        self.assertGreater(total["resolved"], 0)
        status, series, _ = self.s.request(
            "GET", f"/api/v1/stats/series?unit=C001&from={frm}&to={to}&bucket=month")
        self.assertEqual(sum(p["received"] for p in series["points"]), one["received"])
        self.assertEqual(sum(p["resolved"] for p in series["points"]), one["resolved"])
        self.assertEqual(self.s.request("GET", "/api/v1/stats/series?bucket=day")[0], 400)
        self.assertEqual(self.s.request(
            "GET", "/api/v1/stats/series?from=2000-01-01&bucket=week")[0], 400)


if __name__ == "__main__":
    unittest.main()
