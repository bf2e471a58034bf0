"""Revoking access against the real binary (docs/operations.md, "Revoking access"): an admin or
the CLI disables and enables a user, gives a new token, signs a user out everywhere; a password
change ends the other sessions; tokens expire and warn before; each is recorded."""
import subprocess
import time
import unittest

from harness import BIN, OFFICER_C001, OFFICER_C002, SUPERVISOR, Server

ADMIN = "jbt_demo_admin"
PASSWORD = "jembatan-demo"


class AccountsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Server(cases=20, serve_args=["--token-lifetime-days", "10"])

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def sign_in(self, name):
        status, body, res = self.s.request("POST", "/api/v1/session",
                                           {"name": name, "password": PASSWORD})
        self.assertEqual(status, 200, body)
        return {"Cookie": res.getheader("Set-Cookie").split(";")[0],
                "X-CSRF-Token": body["csrf_token"]}

    def me(self, token=None, headers=None):
        return self.s.request("GET", "/api/v1/cases?limit=1", token=token, headers=headers)[0]

    def session_alive(self, headers):
        return self.s.request("GET", "/api/v1/session", headers=headers)[0] == 200

    def cli(self, *args):
        return subprocess.run([BIN, "user", *args, "--db", self.s.db], check=True,
                              capture_output=True, text=True).stdout

    def test_only_an_admin_manages_accounts_and_not_their_own(self):
        for token in (None, SUPERVISOR, OFFICER_C001):
            status, _, _ = self.s.request("POST", "/api/v1/users/officer.sonhai/disable", token=token)
            self.assertIn(status, (401, 403))
            status, _, _ = self.s.request("GET", "/api/v1/users/officer.sonhai", token=token)
            self.assertIn(status, (401, 403))
        self.assertEqual(self.me(OFFICER_C002), 200)  # nothing happened
        status, body, _ = self.s.request("POST", "/api/v1/users/admin/disable", token=ADMIN)
        self.assertEqual(status, 409, body)
        status, body, _ = self.s.request("POST", "/api/v1/users/nobody.here/disable", token=ADMIN)
        self.assertEqual(status, 404, body)
        status, body, _ = self.s.request("POST", "/api/v1/users/officer.sonhai/explode", token=ADMIN)
        self.assertEqual(status, 404, body)
        status, body, _ = self.s.request("POST", "/api/v1/users/officer.sonhai/disable", {"x": 1},
                                         token=ADMIN)
        self.assertEqual(status, 400, body)

    def test_disabling_stops_the_token_and_the_sessions_at_once_and_is_recorded(self):
        session = self.sign_in("officer.bienson")
        self.assertEqual(self.me(OFFICER_C001), 200)
        status, body, _ = self.s.request("POST", "/api/v1/users/officer.bienson/disable",
                                         token=ADMIN)
        self.assertEqual(status, 204, body)
        self.assertEqual(self.me(OFFICER_C001), 401)
        self.assertFalse(self.session_alive(session))
        # A disabled user cannot sign in, and is told no more than a wrong password would say.
        status, body, _ = self.s.request("POST", "/api/v1/session",
                                         {"name": "officer.bienson", "password": PASSWORD})
        self.assertEqual(status, 401)
        self.assertEqual(body["detail"], "wrong user name or password")
        status, body, _ = self.s.request("POST", "/api/v1/users/officer.bienson/enable",
                                         token=ADMIN)
        self.assertEqual(status, 204, body)
        self.assertEqual(self.me(OFFICER_C001), 200)
        self.assertFalse(self.session_alive(session))  # ended sessions stay ended
        status, account, _ = self.s.request("GET", "/api/v1/users/officer.bienson", token=ADMIN)
        self.assertEqual(status, 200)
        self.assertIsNone(account["disabled_at"])
        self.assertEqual([(e["kind"], e["actor"]) for e in account["events"]][-2:],
                         [("disabled", "admin"), ("enabled", "admin")])

    def test_a_new_token_replaces_the_old_one(self):
        status, body, _ = self.s.request("POST", "/api/v1/users/member02/rotate-token", token=ADMIN)
        self.assertEqual(status, 201, body)
        fresh = body["token"]
        self.assertTrue(fresh.startswith("jbt_"))
        self.assertEqual(self.me("jbt_demo_member02"), 401)
        self.assertEqual(self.me(fresh), 200)
        # The CLI does the same, for the server's operator.
        out = self.cli("rotate-token", "--name", "member02")
        cli_token = out.strip().splitlines()[-1]
        self.assertTrue(cli_token.startswith("jbt_"))
        for _ in range(100):  # a running server keeps a token for 5 s at most
            if self.me(fresh) == 401:
                break
            time.sleep(0.1)
        self.assertEqual(self.me(fresh), 401)
        self.assertEqual(self.me(cli_token), 200)
        self.assertIn("token_rotated  by cli", self.cli("show", "--name", "member02"))

    def test_signing_out_everywhere_and_the_cli_disable(self):
        a, b = self.sign_in("officer.deptnre"), self.sign_in("officer.deptnre")
        status, _, _ = self.s.request("POST", "/api/v1/users/officer.deptnre/end-sessions",
                                      token=ADMIN)
        self.assertEqual(status, 204)
        self.assertFalse(self.session_alive(a))
        self.assertFalse(self.session_alive(b))
        token = "jbt_demo_officer.deptnre"
        self.assertEqual(self.me(token), 200)  # the token is not a session
        self.assertIn("disabled", self.cli("disable", "--name", "officer.deptnre"))
        for _ in range(100):
            if self.me(token) == 401:
                break
            time.sleep(0.1)
        self.assertEqual(self.me(token), 401)
        self.cli("enable", "--name", "officer.deptnre")
        for _ in range(100):
            if self.me(token) == 200:
                break
            time.sleep(0.1)
        self.assertEqual(self.me(token), 200)
        shown = self.cli("show", "--name", "officer.deptnre")
        for line in ("sessions_ended  by admin", "disabled  by cli", "enabled  by cli"):
            self.assertIn(line, shown)

    def test_a_password_change_ends_the_other_sessions(self):
        here, there = self.sign_in("supervisor"), self.sign_in("supervisor")
        status, body, _ = self.s.request("POST", "/api/v1/session/password",
                                         {"current_password": "not-it-at-all",
                                          "new_password": "a-brand-new-password"}, headers=here)
        self.assertEqual(status, 400, body)
        self.assertEqual(body["field"], "current_password")
        status, body, _ = self.s.request("POST", "/api/v1/session/password",
                                         {"current_password": PASSWORD, "new_password": "short"},
                                         headers=here)
        self.assertEqual(status, 400, body)
        self.assertEqual(body["field"], "new_password")
        status, body, _ = self.s.request(
            "POST", "/api/v1/session/password",
            {"current_password": PASSWORD, "new_password": "a-brand-new-password"},
            headers={"Cookie": here["Cookie"]})  # no CSRF token
        self.assertEqual(status, 403, body)
        status, body, _ = self.s.request(
            "POST", "/api/v1/session/password",
            {"current_password": PASSWORD, "new_password": "a-brand-new-password"}, headers=here)
        self.assertEqual(status, 204, body)
        self.assertTrue(self.session_alive(here))
        self.assertFalse(self.session_alive(there))
        status, _, _ = self.s.request("POST", "/api/v1/session",
                                      {"name": "supervisor", "password": PASSWORD})
        self.assertEqual(status, 401)
        status, _, _ = self.s.request("POST", "/api/v1/session",
                                      {"name": "supervisor", "password": "a-brand-new-password"})
        self.assertEqual(status, 200)
        status, account, _ = self.s.request("GET", "/api/v1/users/supervisor", token=ADMIN)
        self.assertEqual(account["events"][-1]["kind"], "password_changed")
        self.assertEqual(account["events"][-1]["actor"], "supervisor")

    def test_tokens_warn_before_they_expire_and_then_stop(self):
        # This server's tokens live 10 days: within the last 14, every answer warns.
        status, _, res = self.s.request("GET", "/api/v1/cases?limit=1", token=OFFICER_C002)
        self.assertEqual(status, 200)
        self.assertRegex(res.getheader("Warning"),
                         r'^299 jembatan "the token expires at \d{4}-\d\d-\d\dT')
        status, _, res = self.s.request("POST", "/api/v1/cases/NOPE0000/actions/accept",
                                        token=OFFICER_C002)
        self.assertIsNotNone(res.getheader("Warning"))
        self.assertIsNone(self.s.request("GET", "/api/v1/cases?limit=1")[2].getheader("Warning"))
        # A token issued 11 days ago has expired (set in the database for a user no request
        # has used yet, so the server has not kept it).
        self.s.sql("UPDATE users SET token_issued_at = token_issued_at - 11 * 86400 "
                   "WHERE name = 'member03'")
        status, body, _ = self.s.request("GET", "/api/v1/cases?limit=1", token="jbt_demo_member03")
        self.assertEqual(status, 401, body)
        self.assertIn("expired", body["detail"])


if __name__ == "__main__":
    unittest.main()
