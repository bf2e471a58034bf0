"""Channels against the real binary: signed webhooks in, replies out through the outbox to a
local fake provider (never the internet)."""
import datetime
import hashlib
import hmac
import itertools
import json
import re
import signal
import subprocess
import time
import unittest
import urllib.parse
import zlib

from fake_provider import FakeProvider
from harness import BIN, MEMBER, OFFICER_C001, OFFICER_C002, SUPERVISOR, Server

SMS_KEY = "sms-signing-key-for-tests"
SMSSYNC_SECRET = "smssync-secret"
TG_SECRET = "tg-secret-token"
TG_BOT = "123456:TESTTOKEN"
ZALO_APP = "1234567890"
ZALO_SECRET = "zalo-oa-secret"
PLACE = "Bien Son Ban Quang 1"   # village C001-V01, named with its commune (names repeat)
_ids = itertools.count(1)


def channel_setup(fake):
    return [
        ("channel", "set", "sms", "signing_key", SMS_KEY),
        ("channel", "set", "sms", "smssync_secret", SMSSYNC_SECRET),
        ("channel", "set", "sms", "send_url", fake.url + "/message"),
        ("channel", "set", "sms", "username", "sms"),
        ("channel", "set", "sms", "password", "pw"),
        ("channel", "set", "telegram", "secret_token", TG_SECRET),
        ("channel", "set", "telegram", "bot_token", TG_BOT),
        ("channel", "set", "telegram", "api_url", fake.url),
        ("channel", "set", "zalo", "app_id", ZALO_APP),
        ("channel", "set", "zalo", "secret_key", ZALO_SECRET),
        ("channel", "set", "zalo", "access_token", "zalo-access"),
        ("channel", "set", "zalo", "api_url", fake.url),
        ("member", "link", "--user", "member01", "--channel", "sms", "--address",
         "+62 811 0000 0001"),
    ]


def new_phone():
    return "+6281%09d" % next(_ids)


def receipt(text):
    m = re.search(r"Kode (\w{8}) PIN (\d{6})", text) or re.search(r"Code (\w{8}) PIN (\d{6})", text)
    assert m, text
    return m.group(1), m.group(2)


class ChannelBase(unittest.TestCase):
    # 127.0.0.1 is a trusted proxy: a test speaks as several web clients by X-Forwarded-For.
    serve_args = ("--outbox-retry-base", "0", "--trusted-proxy", "127.0.0.1")

    @classmethod
    def setUpClass(cls):
        cls.fake = FakeProvider()
        cls.s = Server(cases=200, setup=channel_setup(cls.fake), serve_args=cls.serve_args)

    @classmethod
    def tearDownClass(cls):
        cls.s.close()
        cls.fake.close()

    def sms(self, phone, text, delivery_id=None, key=SMS_KEY, ts=None, sign=True, raw=None,
            received_at=None):
        """One sms:received event. Each SMS the phone receives has its own receivedAt (a
        redelivery, `delivery_id` given, repeats the first's); the event id is new unless
        `delivery_id` is given."""
        n = zlib.crc32(delivery_id.encode()) if delivery_id else next(_ids)
        body = raw if raw is not None else json.dumps({
            "deviceId": "ffffffffceb0b1db0000018e937c815b", "event": "sms:received",
            "id": delivery_id or "evt-%d" % n,
            "payload": {"messageId": "abc", "message": text, "phoneNumber": phone,
                        "simNumber": 1,
                        "receivedAt": received_at or "2026-11-23T15:46:11.%010d+07:00" % n},
            "webhookId": "wh-1"}).encode()
        ts = ts or str(int(time.time()))
        headers = {"Content-Type": "application/json"}
        if sign:
            headers["X-Timestamp"] = ts
            headers["X-Signature"] = hmac.new(key.encode(), body + ts.encode(),
                                              hashlib.sha256).hexdigest()
        return self.s.request("POST", "/channels/sms/android-gateway", raw=body, headers=headers)

    def case_count(self):
        today = datetime.date.today()
        frm = (today - datetime.timedelta(days=400)).isoformat()
        to = (today + datetime.timedelta(days=2)).isoformat()
        status, body, _ = self.s.request("GET", f"/api/v1/stats/summary?from={frm}&to={to}",
                                         token=SUPERVISOR)
        self.assertEqual(status, 200, body)
        return body["received"]


class SmsTest(ChannelBase):
    def test_report_by_sms_gets_receipt_and_public_view_hides_the_phone(self):
        phone = new_phone()
        status, body, _ = self.sms(phone, f"lapor {PLACE} jembatan gantung putus, anak tidak bisa sekolah")
        self.assertEqual(status, 200, body)
        self.assertEqual(body, {"status": "accepted"})
        texts = self.fake.wait_for(phone, 1)
        self.assertEqual(len(texts), 1, texts)
        code, pin = receipt(texts[0])
        status, case, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        self.assertEqual(status, 200)
        self.assertEqual(case["channel"], "sms")
        self.assertEqual(case["body"], "jembatan gantung putus, anak tidak bisa sekolah")
        self.assertEqual(case["unit"]["code"], "C001-V01")
        self.assertNotIn(phone.replace(" ", ""), json.dumps(case))
        status, full, _ = self.s.request("GET", f"/api/v1/cases/{code}", headers={"X-Case-Pin": pin})
        self.assertEqual(full["reporter"]["phone"], phone)
        # The gateway call carried Basic auth and the outbox id as the message id.
        path, sent, headers = [d for d in self.fake.delivered if d[1].get("phoneNumbers") == [phone]][0]
        self.assertEqual(path, "/message")
        self.assertTrue(sent["id"].startswith("jbt-"))
        self.assertTrue(headers.get("Authorization", "").startswith("Basic "))

    def test_replayed_delivery_makes_one_case_and_one_reply(self):
        phone = new_phone()
        before = self.case_count()
        for _ in range(10):
            status, body, _ = self.sms(phone, f"LAPOR {PLACE} lampu jalan mati", delivery_id="replayed-1")
            self.assertEqual(status, 200)
        self.assertEqual(self.case_count(), before + 1)
        self.assertEqual(len(self.fake.wait_for(phone, 1)), 1)
        time.sleep(0.5)  # give a wrong second reply the chance to show up
        self.assertEqual(len(self.fake.messages_to(phone)), 1)

    def test_a_redelivery_under_a_new_event_id_makes_no_second_case(self):
        """SMS Gateway for Android delivers one SMS again with a new event id (its issues 291,
        301, 310, 372); the same words received later are a new SMS."""
        phone = new_phone()
        before = self.case_count()
        at = "2026-11-23T09:15:00.000+07:00"
        for event in ("redelivered-a", "redelivered-b", "redelivered-c"):
            status, _, _ = self.sms(phone, f"LAPOR {PLACE} pipa air bocor", delivery_id=event,
                                    received_at=at)
            self.assertEqual(status, 200)
        self.assertEqual(self.case_count(), before + 1)
        self.assertEqual(len(self.fake.wait_for(phone, 1)), 1)
        status, _, _ = self.sms(phone, f"LAPOR {PLACE} pipa air bocor", delivery_id="later-d",
                                received_at="2026-11-23T09:45:00.000+07:00")
        self.assertEqual(status, 200)
        self.assertEqual(self.case_count(), before + 2)

    def test_out_of_order_deliveries_are_each_handled_once(self):
        phone = new_phone()
        before = self.case_count()
        for d in ("ooo-3", "ooo-1", "ooo-2", "ooo-1", "ooo-3"):
            self.assertEqual(self.sms(phone, f"LAPOR {PLACE} laporan {d}", delivery_id=d)[0], 200)
        self.assertEqual(self.case_count(), before + 3)

    def test_bad_missing_or_stale_signature_is_401_and_stores_nothing(self):
        phone = new_phone()
        before = self.case_count()
        text = f"LAPOR {PLACE} tidak boleh masuk"
        self.assertEqual(self.sms(phone, text, key="wrong-key")[0], 401)
        self.assertEqual(self.sms(phone, text, sign=False)[0], 401)
        self.assertEqual(self.sms(phone, text, ts=str(int(time.time()) - 7200))[0], 401)
        self.assertEqual(self.case_count(), before)
        time.sleep(0.3)
        self.assertEqual(self.fake.messages_to(phone), [])

    def test_malformed_oversized_and_non_utf8_payloads_are_4xx(self):
        before = self.case_count()
        for raw in (b"not json", b"[]", b'{"event":"sms:received","id":"x1","payload":{"message":5,"phoneNumber":"+628123456789"}}',
                    b'{"event":"sms:received","id":"x2","payload":{"message":"hi","phoneNumber":"call me"}}',
                    b'{"event":"sms:received","id":"x3","payload":{"message":"\xff\xfe","phoneNumber":"+628123456789"}}'):
            status, body, res = self.sms(None, None, raw=raw)
            self.assertEqual(status, 400, (raw, body))
            self.assertEqual(res.getheader("Content-Type"), "application/problem+json")
        status, _, _ = self.sms(None, None, raw=b'{"x":"' + b"a" * (2 * 1024 * 1024) + b'"}')
        self.assertEqual(status, 413)
        # Events we do not handle are acknowledged, so the app does not retry them.
        status, body, _ = self.sms(None, None, raw=b'{"event":"sms:delivered","id":"d1","payload":{}}')
        self.assertEqual((status, body["status"]), (200, "ignored"))
        self.assertEqual(self.case_count(), before)

    def test_unknown_village_and_unparseable_text_get_helpful_replies(self):
        phone = new_phone()
        before = self.case_count()
        self.sms(phone, "LAPOR Atlantis jalan rusak")
        texts = self.fake.wait_for(phone, 1)
        self.assertIn('Desa "atlantis jalan" tidak dikenal', texts[0])
        self.sms(phone, "CEK ZZZZ")
        texts = self.fake.wait_for(phone, 2)
        self.assertIn("tidak valid", texts[1])
        self.assertEqual(self.case_count(), before)

    def test_replies_follow_the_language_of_the_message_and_help_with_bare_keywords(self):
        phone = new_phone()
        status, _, _ = self.sms(phone, "duong vao thon bi sat lo, xin giup")  # Vietnamese, no marks
        self.assertEqual(status, 200)
        texts = self.fake.wait_for(phone, 1)
        self.assertIn("thon", texts[0].lower())  # the conversation asks, in Vietnamese, which village
        self.assertNotIn("desa", texts[0].lower())
        bare = new_phone()
        self.sms(bare, "CO")
        texts = self.fake.wait_for(bare, 1)
        self.assertIn("CO <ma> <PIN>", texts[0])
        self.assertNotIn('""', texts[0])
        self.sms(bare, "CEK")
        self.assertIn("CEK K7M2QX9R", self.fake.wait_for(bare, 2)[1])

    def test_confirming_before_there_is_an_answer_gets_a_reply_and_a_2xx(self):
        phone = new_phone()
        self.sms(phone, f"LAPOR {PLACE} lampu jalan mati")
        code, pin = receipt(self.fake.wait_for(phone, 1)[0])
        status, body, _ = self.sms(phone, f"YA {code} {pin}")
        self.assertEqual(status, 200, body)  # a real gateway would retry a 409 for days
        texts = self.fake.wait_for(phone, 2)
        self.assertIn(f"{code} belum dijawab", texts[1])
        _, case, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        self.assertEqual(case["status"], "received")

    def test_status_answer_and_confirmation_by_sms(self):
        phone = new_phone()
        self.sms(phone, f"LAPOR {PLACE} saluran air tersumbat")
        code, pin = receipt(self.fake.wait_for(phone, 1)[0])
        self.sms(phone, f"cek {code.lower()}")
        self.assertIn(f"{code}: diterima", self.fake.wait_for(phone, 2)[1])
        for action, extra in (("accept", {}), ("start", {}), ("resolve", {"answer": "Saluran sudah dibersihkan."})):
            status, body, _ = self.s.request("POST", f"/api/v1/cases/{code}/actions/{action}",
                                             extra, token=OFFICER_C001)
            self.assertEqual(status, 200, body)
        texts = self.fake.wait_for(phone, 4)
        self.assertEqual(len(texts), 4, texts)  # "start" concerns the unit, not the reporter
        self.assertIn("diterima oleh Bien Son", texts[2])
        self.assertIn("Saluran sudah dibersihkan.", texts[3])
        self.assertIn(f"YA {code} PIN", texts[3])
        # A wrong PIN changes nothing; the right one closes the case.
        self.sms(phone, f"YA {code} 000000" if pin != "000000" else f"YA {code} 111111")
        self.assertIn("salah", self.fake.wait_for(phone, 5)[4])
        self.sms(phone, f"YA {code} {pin}")
        texts = self.fake.wait_for(phone, 6)
        self.assertIn("ditutup", texts[5])
        status, case, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        self.assertEqual(case["status"], "closed")

    def test_web_guesses_do_not_block_the_reporters_own_phone(self):
        phone = new_phone()
        self.sms(phone, f"LAPOR {PLACE} jembatan kayu patah")
        code, pin = receipt(self.fake.wait_for(phone, 1)[0])
        for action, extra in (("accept", {}), ("start", {}),
                              ("resolve", {"answer": "Jembatan sudah diperbaiki."})):
            status, body, _ = self.s.request("POST", f"/api/v1/cases/{code}/actions/{action}",
                                             extra, token=OFFICER_C001)
            self.assertEqual(status, 200, body)
        wrong = "000000" if pin != "000000" else "111111"
        # 25 web clients guess once each: after 20 wrong PINs every web check of the case waits.
        statuses = [self.s.request("GET", f"/api/v1/cases/{code}",
                                   headers={"X-Case-Pin": wrong,
                                            "X-Forwarded-For": f"198.51.100.{n}"})[0]
                    for n in range(25)]
        self.assertEqual(statuses, [401] * 20 + [429] * 5)
        status, body, res = self.s.request("GET", f"/api/v1/cases/{code}",
                                           headers={"X-Case-Pin": pin,
                                                    "X-Forwarded-For": "198.51.100.200"})
        self.assertEqual(status, 429, body)  # the case's PIN is being guessed: web checks wait
        self.assertGreaterEqual(int(res.getheader("Retry-After")), 1)
        # The reporter's own phone confirms at once (before: "too many attempts").
        self.sms(phone, f"YA {code} {pin}")
        texts = self.fake.wait_for(phone, 4)
        self.assertIn("ditutup", texts[3])
        _, case, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        self.assertEqual(case["status"], "closed")

    def test_dispute_by_sms_reopens(self):
        phone = new_phone()
        self.sms(phone, f"BAO {PLACE} đường bị sạt lở")
        texts = self.fake.wait_for(phone, 1)
        self.assertIn("Da nhan phan anh", texts[0])  # Vietnamese, without diacritics for SMS
        code, pin = re.search(r"Ma (\w{8}) PIN (\d{6})", texts[0]).groups()
        for action, extra in (("accept", {}), ("start", {}), ("resolve", {"answer": "Da sua."})):
            self.s.request("POST", f"/api/v1/cases/{code}/actions/{action}", extra, token=OFFICER_C001)
        self.sms(phone, f"khong {code} {pin}")
        self.fake.wait_for(phone, 4)
        status, case, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        self.assertEqual((case["status"], case["reopen_count"]), ("in_progress", 1))

    def test_conversation_mode_asks_for_the_village_then_confirms(self):
        phone = new_phone()
        before = self.case_count()
        self.sms(phone, "Jalan ke sekolah longsor sejak kemarin")
        self.assertIn("desa/kampung mana", self.fake.wait_for(phone, 1)[0])
        self.sms(phone, PLACE)
        self.assertIn("Kirim laporan untuk Ban Quang 1 (Bien Son)?", self.fake.wait_for(phone, 2)[1])
        self.assertEqual(self.case_count(), before)
        self.sms(phone, "ya")
        code, _ = receipt(self.fake.wait_for(phone, 3)[2])
        status, case, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        self.assertEqual(case["body"], "Jalan ke sekolah longsor sejak kemarin")
        self.assertEqual(self.case_count(), before + 1)

    def test_member_forwards_for_a_household(self):
        household = new_phone()
        status, _, _ = self.sms("+62 811 0000 0001", f"TITIP {household} {PLACE} atap sekolah bocor")
        self.assertEqual(status, 200)
        member_texts = self.fake.wait_for("+6281100000001", 1)
        self.assertIn("Laporan titipan diterima", member_texts[-1])
        code, _ = receipt(self.fake.wait_for(household, 1)[0])
        status, case, _ = self.s.request("GET", f"/api/v1/cases/{code}", token=OFFICER_C001)
        self.assertEqual(case["on_behalf_of"]["phone"], household)
        self.assertIs(case["on_behalf_of"]["consent"], True)  # TITIP declares it
        status, public, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        self.assertNotIn("on_behalf_of", public)
        # The member sees the cases they forwarded; another member does not see this one.
        status, mine, _ = self.s.request("GET", "/api/v1/cases?mine=true&limit=100", token=MEMBER)
        self.assertEqual(status, 200, mine)
        self.assertIn(code, [c["code"] for c in mine["cases"]])
        self.assertEqual(mine["cases"][0]["code"], code)  # newest first
        status, other, _ = self.s.request("GET", "/api/v1/cases?mine=true&limit=100",
                                          token="jbt_demo_member02")
        self.assertEqual(status, 200)
        self.assertNotIn(code, [c["code"] for c in other["cases"]])
        status, _, _ = self.s.request("GET", "/api/v1/cases?mine=true")
        self.assertEqual(status, 401)
        # A household without a phone: the member gets the full receipt (with the PIN) instead.
        status, _, _ = self.sms("+62 811 0000 0001", f"TITIP - {PLACE} sumur warga kering")
        self.assertEqual(status, 200)
        code2, _ = receipt(self.fake.wait_for("+6281100000001", 2)[-1])
        status, case2, _ = self.s.request("GET", f"/api/v1/cases/{code2}", token=OFFICER_C001)
        self.assertIsNone(case2.get("on_behalf_of"))
        # A sender who is not a member is told so, and nothing is filed.
        stranger = new_phone()
        before = self.case_count()
        self.sms(stranger, f"TITIP {household} {PLACE} atap bocor")
        self.assertIn("belum terdaftar", self.fake.wait_for(stranger, 1)[0])
        self.assertEqual(self.case_count(), before)

    def test_smssync_form_post(self):
        phone = new_phone()
        form = urllib.parse.urlencode({"from": phone, "message": f"LAPOR {PLACE} pipa air bocor",
                                       "message_id": "sync-1", "secret": SMSSYNC_SECRET,
                                       "sent_timestamp": "1700000000000", "device_id": "1"})
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        status, body, _ = self.s.request("POST", "/channels/sms/smssync", raw=form.encode(), headers=headers)
        self.assertEqual((status, body), (200, {"payload": {"success": True, "error": None}}))
        self.assertEqual(len(self.fake.wait_for(phone, 1)), 1)
        bad = form.replace(SMSSYNC_SECRET, "guess")
        status, body, _ = self.s.request("POST", "/channels/sms/smssync", raw=bad.encode(), headers=headers)
        self.assertEqual(status, 401)
        self.assertFalse(body["payload"]["success"])

    def test_telegram_update_and_reply_through_send_message(self):
        update = {"update_id": 900001, "message": {
            "message_id": 7, "date": 1700000000, "text": f"/lapor {PLACE} pohon tumbang",
            "from": {"id": 5550001, "is_bot": False, "first_name": "A", "language_code": "en"},
            "chat": {"id": 5550001, "type": "private"}}}
        raw = json.dumps(update).encode()
        h = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TG_SECRET}
        self.assertEqual(self.s.request("POST", "/channels/telegram", raw=raw,
                                        headers={"Content-Type": "application/json"})[0], 401)
        for _ in range(3):
            self.assertEqual(self.s.request("POST", "/channels/telegram", raw=raw, headers=h)[0], 200)
        texts = self.fake.wait_for("5550001", 1)
        self.assertEqual(len(texts), 1)
        self.assertIn("Laporan diterima", texts[0])  # "/lapor" is Indonesian whatever the app language
        path = [d[0] for d in self.fake.delivered if d[1].get("chat_id") == 5550001][0]
        self.assertEqual(path, f"/bot{TG_BOT}/sendMessage")
        # A location then free text: the conversation keeps the coordinates.
        loc = {"update_id": 900002, "message": {"message_id": 8, "date": 1700000001,
               "location": {"latitude": 21.4, "longitude": 106.9},
               "chat": {"id": 5550002, "type": "private"}}}
        self.assertEqual(self.s.request("POST", "/channels/telegram", raw=json.dumps(loc).encode(), headers=h)[0], 200)

    def test_zalo_signed_event(self):
        event = {"app_id": ZALO_APP, "user_id_by_app": "u1", "event_name": "user_send_text",
                 "timestamp": "1700000000000", "sender": {"id": "zalo-user-1"},
                 "recipient": {"id": "oa-1"},
                 "message": {"msg_id": "zmsg-1", "text": f"báo {PLACE} cây đổ chắn đường"}}
        raw = json.dumps(event, ensure_ascii=False).encode()
        mac = hashlib.sha256((ZALO_APP + raw.decode() + event["timestamp"] + ZALO_SECRET).encode()).hexdigest()
        h = {"Content-Type": "application/json", "X-ZEvent-Signature": "mac=" + mac}
        bad = {"Content-Type": "application/json", "X-ZEvent-Signature": "mac=" + "0" * 64}
        self.assertEqual(self.s.request("POST", "/channels/zalo", raw=raw, headers=bad)[0], 401)
        self.assertEqual(self.s.request("POST", "/channels/zalo", raw=raw, headers=h)[0], 200)
        texts = self.fake.wait_for("zalo-user-1", 1)
        self.assertIn("Đã nhận phản ánh", texts[0])  # chat keeps diacritics

    def test_failing_gateway_three_times_then_success_delivers_exactly_once(self):
        phone = new_phone()
        with self.fake.lock:
            self.fake.fail_next = 3
            failures_before = self.fake.failures
        self.sms(phone, f"LAPOR {PLACE} jalan berlubang")
        self.assertEqual(len(self.fake.wait_for(phone, 1)), 1)
        time.sleep(0.5)
        self.assertEqual(len(self.fake.messages_to(phone)), 1)
        self.assertEqual(self.fake.failures - failures_before, 3)


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 40


class JoinBySmsTest(ChannelBase):
    """A member reports their part in a campaign by SMS (issue 16, point 3); it counts once the
    organizer confirms it."""
    MEMBER_PHONE = "+62 811 0000 0001"  # member01: the core group's leader in the demo registry

    @classmethod
    def setUpClass(cls):
        cls.fake = FakeProvider()
        cls.s = Server(cases=20, setup=channel_setup(cls.fake), serve_args=cls.serve_args,
                       registry=True)
        today = datetime.date.today()
        status, body, _ = cls.s.request("POST", "/api/v1/campaigns", {
            "code": "DAP26", "kind": "road_building", "title": "Duong lien thon",
            "unit": "P01", "from": (today - datetime.timedelta(days=5)).isoformat(),
            "to": (today + datetime.timedelta(days=20)).isoformat()}, token=SUPERVISOR)
        assert status == 201, body

    def replies(self, count):
        return self.fake.wait_for(self.MEMBER_PHONE.replace(" ", ""), count)

    def roster(self):
        status, body, _ = self.s.request("GET", "/api/v1/campaigns/DAP26/participations",
                                         token=SUPERVISOR)
        self.assertEqual(status, 200, body)
        return body["participations"]

    def workdays(self):
        status, body, _ = self.s.request("GET", "/api/v1/indicators/mobilization?campaign=DAP26")
        self.assertEqual(status, 200, body)
        return body["total"]["workdays"]

    def test_a_members_days_wait_for_the_organizer_then_count(self):
        sent = len(self.replies(0))
        status, _, _ = self.sms(self.MEMBER_PHONE, "IKUT DAP26 3")
        self.assertEqual(status, 200)
        self.assertIn("Tercatat: 3 hari di DAP26", self.replies(sent + 1)[-1])
        # A typo in the code and in the Vietnamese keyword, and the word for days after.
        self.sms(self.MEMBER_PHONE, "thamga dap2 2 ngay")
        # Vietnamese goes out without diacritics (one GSM-7 SMS).
        self.assertIn("Da ghi: 2 ngay tham gia DAP26", self.replies(sent + 2)[-1])
        rows = [p for p in self.roster() if p["source"] == "sms"]
        self.assertEqual([(p["workdays"], p["confirmed"]) for p in rows], [(3, False), (2, False)])
        self.assertTrue(rows[0]["person"])
        self.assertEqual(self.workdays(), 0)  # not yet confirmed
        status, r, _ = self.s.request("POST", f"/api/v1/participations/{rows[0]['id']}/confirm",
                                      token=SUPERVISOR)
        self.assertEqual((status, r["confirmed"]), (200, True), r)
        self.assertEqual(self.workdays(), 3)
        status, _, _ = self.s.request("POST", f"/api/v1/participations/{rows[0]['id']}/confirm",
                                      token=SUPERVISOR)
        self.assertEqual(status, 409)  # confirmed once

    def test_what_cannot_be_recorded_is_answered_and_records_nothing(self):
        before = len(self.roster())
        sent = len(self.replies(0))
        for text, answer in [("IKUT NOPE99 2", "Tidak ada kegiatan berkode NOPE99"),
                             ("JOIN DAP26 400", "could not be accepted"),
                             ("ikut", "IKUT <kode kegiatan> <jumlah hari>")]:
            with self.subTest(text=text):
                self.sms(self.MEMBER_PHONE, text)
                sent += 1
                self.assertIn(answer, self.replies(sent)[-1])
        stranger = new_phone()
        self.sms(stranger, "IKUT DAP26 2")
        self.assertIn("belum terdaftar", self.fake.wait_for(stranger, 1)[0])
        self.assertEqual(len(self.roster()), before)


class WebReporterTest(ChannelBase):
    """A reporter who gives a phone on the web or Open311 and agrees hears by SMS."""

    def file(self, phone, consent, language="vi"):
        status, body, _ = self.s.request("POST", "/api/v1/cases", {
            "body": "Duong vao ban bi sat lo", "unit": "C001-V03", "category": "roads_bridges",
            "language": language, "reporter": {"name": "Chi Mai", "phone": phone,
                                               "consent": consent}})
        self.assertEqual(status, 201, body)
        return body["code"], body["pin"]

    def act(self, code, action, **body):
        status, r, _ = self.s.request("POST", f"/api/v1/cases/{code}/actions/{action}", body,
                                      token=OFFICER_C001)
        self.assertEqual(status, 200, r)

    def test_receipt_acceptance_and_answer_in_the_reporters_language(self):
        # The overdue apology is queued by the sweep at its own instant: AppTest covers it.
        silent = new_phone()
        self.file(silent, consent=False)
        phone = new_phone()
        code, pin = self.file(phone, consent=True)
        texts = self.fake.wait_for(phone, 1)
        self.assertIn(f"Ma {code} PIN {pin}", texts[0])  # Vietnamese, without diacritics
        self.act(code, "accept", update="Can bo se den vao thu Hai", note="MKNOTE noi bo")
        texts = self.fake.wait_for(phone, 2)
        self.assertIn("da tiep nhan", texts[1])
        self.assertIn("Can bo se den vao thu Hai", texts[1])
        self.act(code, "start")
        self.act(code, "resolve", answer="Da dap lai duong")
        texts = self.fake.wait_for(phone, 3)
        self.assertIn("Da dap lai duong", texts[2])
        other, _ = self.file(phone, consent=True, language="en")
        texts = self.fake.wait_for(phone, 4)
        self.assertIn(f"Report received. Code {other}", texts[3])
        for t in texts:
            self.assertNotIn("MKNOTE", t)
        self.assertEqual(self.fake.messages_to(silent), [])  # no consent, no message

    def test_open311_reporter_who_asks_for_sms_updates(self):
        key = self.s.run_cli("open311", "key", "add", "--db", self.s.db,
                             "--name", "sms test").strip().splitlines()[-1]
        phone, silent = new_phone(), new_phone()
        for who, updates in ((silent, "no"), (phone, "yes")):
            form = urllib.parse.urlencode({
                "api_key": key, "service_code": "roads_bridges", "address_id": "C001-V03",
                "description": "Jembatan retak", "phone": who,
                "attribute[sms_updates]": updates}).encode()
            status, body, _ = self.s.request(
                "POST", "/open311/v2/requests.json", raw=form,
                headers={"Content-Type": "application/x-www-form-urlencoded"})
            self.assertEqual(status, 200, body)
        texts = self.fake.wait_for(phone, 1)
        self.assertIn(body[0]["service_request_id"], texts[0])
        self.assertEqual(self.fake.messages_to(silent), [])
        form = urllib.parse.urlencode({"api_key": key, "service_code": "roads_bridges",
                                       "address_id": "C001-V03", "description": "x",
                                       "attribute[sms_updates]": "maybe"}).encode()
        status, body, _ = self.s.request(
            "POST", "/open311/v2/requests.json", raw=form,
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 400, body)


class PhotoTest(ChannelBase):
    """Photos from Telegram and Zalo are fetched by the server and shown with the full view."""

    def telegram(self, chat, text=None, photo=None):
        msg = {"message_id": next(_ids), "date": 1700000000,
               "chat": {"id": chat, "type": "private"}}
        if photo:
            msg["photo"] = [{"file_id": photo + "-small", "file_unique_id": "s", "width": 90,
                             "height": 90, "file_size": 1200},
                            {"file_id": photo, "file_unique_id": "l", "width": 1280,
                             "height": 960, "file_size": len(JPEG)},
                            {"file_id": photo + "-huge", "file_unique_id": "h", "width": 9000,
                             "height": 9000, "file_size": 6 * 1024 * 1024}]
            if text:
                msg["caption"] = text
        elif text:
            msg["text"] = text
        update = {"update_id": next(_ids) + 990000, "message": msg}
        h = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TG_SECRET}
        status, body, _ = self.s.request("POST", "/channels/telegram",
                                         raw=json.dumps(update).encode(), headers=h)
        self.assertEqual(status, 200, body)

    def stored_media(self, code, pin=None, token=OFFICER_C001):
        deadline = time.monotonic() + 15
        while True:
            status, case, _ = self.s.request("GET", f"/api/v1/cases/{code}", token=token,
                                             headers={"X-Case-Pin": pin} if pin else None)
            self.assertEqual(status, 200, case)
            media = case.get("media", [])
            if (media and all(m["status"] != "pending" for m in media)) or time.monotonic() > deadline:
                return media
            time.sleep(0.05)

    def test_telegram_photo_with_caption_is_stored_and_shown_only_in_the_full_view(self):
        chat = 5560000 + next(_ids)
        with self.fake.lock:
            self.fake.files["AgADphoto1"] = JPEG
        self.telegram(chat, f"LAPOR {PLACE} jembatan gantung putus", photo="AgADphoto1")
        code, pin = receipt(self.fake.wait_for(str(chat), 1)[0])
        media = self.stored_media(code)
        self.assertEqual(len(media), 1)
        self.assertEqual((media[0]["status"], media[0]["content_type"], media[0]["bytes"]),
                         ("stored", "image/jpeg", len(JPEG)))
        url = media[0]["url"]
        status, body, res = self.s.request("GET", url, token=OFFICER_C001)
        self.assertEqual((status, res.getheader("Content-Type")), (200, "image/jpeg"))
        self.assertEqual(body, JPEG)
        self.assertEqual(res.getheader("X-Content-Type-Options"), "nosniff")
        self.assertEqual(self.s.request("GET", url, headers={"X-Case-Pin": pin})[1], JPEG)
        # Anonymous: the public view lists no photos, and the image needs the PIN or a token.
        status, public, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        self.assertNotIn("media", public)
        self.assertEqual(self.s.request("GET", url)[0], 403)
        self.assertEqual(self.s.request("GET", url, token=OFFICER_C002)[0], 403)
        self.assertEqual(self.s.request("GET", f"/api/v1/cases/{code}/media/999999",
                                        token=OFFICER_C001)[0], 404)
        self.assertEqual(self.s.request("GET", f"/api/v1/cases/{code}/media/x",
                                        token=OFFICER_C001)[0], 404)

    def test_photo_sent_first_joins_the_conversation(self):
        chat = 5570000 + next(_ids)
        with self.fake.lock:
            self.fake.files["AgADphoto2"] = JPEG
        self.telegram(chat, photo="AgADphoto2")
        self.assertIn("Foto diterima", self.fake.wait_for(str(chat), 1)[0])
        self.telegram(chat, "jalan longsor")
        self.assertIn("desa", self.fake.wait_for(str(chat), 2)[1])
        self.telegram(chat, PLACE)
        self.assertIn("YA", self.fake.wait_for(str(chat), 3)[2])
        self.telegram(chat, "ya")
        code, _ = receipt(self.fake.wait_for(str(chat), 4)[3])
        media = self.stored_media(code)
        self.assertEqual([m["status"] for m in media], ["stored"])

    def zalo_image(self, user, text, url):
        event = {"app_id": ZALO_APP, "user_id_by_app": "u", "event_name": "user_send_image",
                 "timestamp": "1700000000000", "sender": {"id": user}, "recipient": {"id": "oa-1"},
                 "message": {"msg_id": "zimg-%d" % next(_ids), "text": text,
                             "attachments": [{"type": "image",
                                              "payload": {"thumbnail": url, "url": url}}]}}
        raw = json.dumps(event, ensure_ascii=False).encode()
        mac = hashlib.sha256((ZALO_APP + raw.decode() + event["timestamp"] + ZALO_SECRET)
                             .encode()).hexdigest()
        return self.s.request("POST", "/channels/zalo", raw=raw,
                              headers={"Content-Type": "application/json",
                                       "X-ZEvent-Signature": "mac=" + mac})

    def test_zalo_image_is_fetched_and_a_non_image_fails(self):
        with self.fake.lock:
            self.fake.files["zalo-1"] = JPEG
            self.fake.files["zalo-text"] = b"<html>not an image</html>"
        user = "zalo-photo-%d" % next(_ids)
        self.assertEqual(self.zalo_image(user, f"báo {PLACE} sạt lở",
                                         self.fake.url + "/img/zalo-1")[0], 200)
        code, _ = receipt(self.fake.wait_for(user, 1)[0].replace("Mã", "Code"))
        self.assertEqual([m["status"] for m in self.stored_media(code)], ["stored"])
        user2 = "zalo-photo-%d" % next(_ids)
        self.assertEqual(self.zalo_image(user2, f"báo {PLACE} cầu hỏng",
                                         self.fake.url + "/img/zalo-text")[0], 200)
        code2, _ = receipt(self.fake.wait_for(user2, 1)[0].replace("Mã", "Code"))
        self.assertEqual([m["status"] for m in self.stored_media(code2)], ["failed"])
        status, body, _ = self.zalo_image(user2, "báo", "javascript:alert(1)")
        self.assertEqual(status, 400, body)


class ImportCasesTest(ChannelBase):
    def import_file(self, text):
        path = self.s.dir + "/forms.csv"
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return subprocess.run([BIN, "import-cases", "--db", self.s.db, path],
                              capture_output=True, text=True)

    def test_paper_forms_import_all_or_nothing_and_once(self):
        before = self.case_count()
        bad = ("form_id,unit,body,category,reporter_name,reporter_phone\n"
               "F-1,C001-V03,Jalan rusak di dusun,roads_bridges,Ibu Lan,+84912345678\n"
               "F-2,NOWHERE,Lampu mati,,,\n"
               "F-3,C002,,,,\n")
        r = self.import_file(bad)
        self.assertEqual(r.returncode, 1)
        self.assertIn("line 3: unit: unknown unit NOWHERE", r.stderr)
        self.assertIn("line 4: body:", r.stderr)
        self.assertEqual(self.case_count(), before)
        good = ("unit,body,form_id\n"
                "C001-V03,\"Jembatan gantung putus, \"\"darurat\"\"\",F-1\n"
                "C002,Sumur kering,\n"
                "C002,Sumur kering,\n")
        r = self.import_file(good)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.strip().splitlines()
        self.assertEqual(lines[0], "line,code,pin")
        self.assertEqual(len(lines), 4)
        code = lines[1].split(",")[1]
        status, case, _ = self.s.request("GET", f"/api/v1/cases/{code}")
        self.assertEqual((case["channel"], case["body"]), ("csv", 'Jembatan gantung putus, "darurat"'))
        self.assertEqual(self.case_count(), before + 3)
        r = self.import_file(good)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("imported 0 cases; 3 rows were imported before", r.stderr)
        self.assertEqual(self.case_count(), before + 3)

    def upload(self, text, token=MEMBER, ctype="text/csv; charset=utf-8"):
        return self.s.request("POST", "/api/v1/imports/cases", raw=text.encode(), token=token,
                              headers={"Content-Type": ctype})

    def test_upload_through_the_api_is_scoped_all_or_nothing_and_once(self):
        before = self.case_count()
        forms = ("form_id,unit,body\n"
                 "U-1,C003-V01,Saluran irigasi jebol\n"
                 "U-2,C003-V02,Jalan desa berlubang\n")  # member01 works in Bao Dai, C003
        # Authentication, media type, and rows outside the uploader's unit.
        self.assertEqual(self.upload(forms, token=None)[0], 401)
        self.assertEqual(self.upload(forms, ctype="application/json")[0], 415)
        status, problem, _ = self.upload(forms + "U-3,C002-V01,Di luar desa saya\n")
        self.assertEqual(status, 400, problem)
        self.assertEqual(problem["errors"], [{"line": 4, "message":
                         "unit: C002-V01 is outside Bao Dai, your unit"}])
        status, problem, _ = self.upload("unit,body\nNOWHERE,x\nC003,\n")
        self.assertEqual([e["line"] for e in problem["errors"]], [2, 3])
        status, problem, _ = self.upload("unit,body,on_behalf_name,on_behalf_consent\n"
                                         "C003,Atap bocor,Keluarga Ha,maybe\n")
        self.assertEqual(problem["errors"], [{"line": 2, "message": "on_behalf_consent: yes or no"}])
        self.assertEqual(self.case_count(), before)
        # The member uploads the forms they collected, then finds them in their own list.
        status, out, _ = self.upload(forms)
        self.assertEqual(status, 201, out)
        self.assertEqual([r["line"] for r in out["imported"]], [2, 3])
        self.assertTrue(all(len(r["pin"]) == 6 for r in out["imported"]))
        status, mine, _ = self.s.request("GET", "/api/v1/cases?mine=true", token=MEMBER)
        listed = [c["code"] for c in mine["cases"]]
        self.assertTrue(all(r["code"] in listed for r in out["imported"]))
        status, again, _ = self.upload(forms)
        self.assertEqual((status, again), (200, {"imported": [], "already_imported": 2, "already": [
            {"line": 2, "form_id": "U-1"}, {"line": 3, "form_id": "U-2"}]}))
        self.assertEqual(self.case_count(), before + 2)
        # Form numbers are each commune's: U-1 of Bien Son (C001) is another form than U-1 of
        # Bao Dai, imported above (a supervisor uploads both communes' forms).
        status, out, _ = self.upload("form_id,unit,body\n"
                                     "U-1,C001-V02,Cau treo bi hong\n"
                                     "U-1,C003-V01,Saluran irigasi jebol\n", token=SUPERVISOR)
        self.assertEqual(status, 201, out)
        self.assertEqual([r["line"] for r in out["imported"]], [2])
        self.assertEqual(out["already"], [{"line": 3, "form_id": "U-1"}])
        status, problem, _ = self.upload("form_id,unit,body\nU-9,C001-V02,a\nU-9,C001-V05,b\n",
                                         token=SUPERVISOR)
        self.assertEqual(problem["errors"], [{"line": 3, "message":
                         "form_id: U-9 of C001 is also on line 2"}])
        self.assertEqual(self.case_count(), before + 3)
        status, out, _ = self.upload("unit,body,on_behalf_name,on_behalf_consent\n"
                                     "C003-V03,Atap bocor,Keluarga Ha,yes\n")
        self.assertEqual(status, 201, out)
        code = out["imported"][0]["code"]
        status, case, _ = self.s.request("GET", f"/api/v1/cases/{code}", token=MEMBER)
        self.assertEqual(case["on_behalf_of"], {"name": "Keluarga Ha", "phone": "", "consent": True})

    def test_a_household_that_agreed_on_the_paper_form_hears_the_receipt_by_sms(self):
        agreed, silent = new_phone(), new_phone()
        status, out, _ = self.upload(
            "unit,body,on_behalf_name,on_behalf_phone,on_behalf_consent,language\n"
            f"C003-V03,Atap sekolah bocor,Keluarga Tran,{agreed},yes,vi\n"
            f"C003-V03,Atap balai bocor,Keluarga Le,{silent},no,vi\n")
        self.assertEqual(status, 201, out)
        first = out["imported"][0]
        texts = self.fake.wait_for(agreed, 1)
        self.assertIn(f"Ma {first['code']} PIN {first['pin']}", texts[0])  # the form's language
        self.assertEqual(self.fake.messages_to(silent), [])  # no consent, no message


class DeadLetterTest(ChannelBase):
    serve_args = ("--outbox-retry-base", "0", "--outbox-max-attempts", "2")

    def test_message_refused_by_the_gateway_is_dead_and_visible_to_admins(self):
        phone = new_phone()
        with self.fake.lock:
            self.fake.fail_next, self.fake.fail_status = 1, 400   # a permanent refusal
        self.sms(phone, f"LAPOR {PLACE} lampu mati")
        deadline = time.monotonic() + 15
        out = ""
        while time.monotonic() < deadline and "1 dead" not in out:
            out = self.s.run_cli("channel", "show", "--db", self.s.db)
            time.sleep(0.1)
        self.assertIn("1 dead", out)
        self.assertNotIn(SMS_KEY, out)   # secrets masked
        status, body, _ = self.s.request("GET", "/api/v1/admin/outbox?status=dead", token="jbt_demo_admin")
        self.assertEqual(status, 200, body)
        self.assertEqual(len(body["messages"]), 1)
        msg = body["messages"][0]
        self.assertEqual(msg["last_error"], "SMS gateway answered HTTP 400")
        self.assertNotIn(phone, json.dumps(body))  # the address is masked
        self.assertEqual(self.s.request("GET", "/api/v1/admin/outbox", token=OFFICER_C001)[0], 403)
        with self.fake.lock:
            self.fake.fail_status = 503
        status, _, _ = self.s.request("POST", f"/api/v1/admin/outbox/{msg['id']}/retry", token="jbt_demo_admin")
        self.assertEqual(status, 200)
        self.assertEqual(len(self.fake.wait_for(phone, 1)), 1)


class SmsSyncOutboundTest(ChannelBase):
    """SMSSync as the outbound route: the phone polls for the replies (task=send), confirms the
    ones it queued (task=sent) and may send only those we list back."""
    serve_args = ("--outbox-retry-base", "0", "--outbox-max-attempts", "3")

    @classmethod
    def setUpClass(cls):
        cls.fake = FakeProvider()
        setup = channel_setup(cls.fake) + [("channel", "set", "sms", "outbound", "smssync")]
        cls.s = Server(cases=200, setup=setup, serve_args=cls.serve_args)

    def inbound(self, phone, text):
        form = urllib.parse.urlencode({"from": phone, "message": text,
                                       "message_id": "sync-%d" % next(_ids),
                                       "secret": SMSSYNC_SECRET, "device_id": "1"})
        status, body, _ = self.s.request(
            "POST", "/channels/sms/smssync", raw=form.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual((status, body), (200, {"payload": {"success": True, "error": None}}))

    def poll(self, secret=SMSSYNC_SECRET):
        q = urllib.parse.urlencode({"task": "send", "secret": secret})
        return self.s.request("GET", "/channels/sms/smssync?" + q)

    def sent(self, uuids):
        body = json.dumps({"queued_messages": uuids}).encode()
        return self.s.request("POST", "/channels/sms/smssync?task=sent", raw=body,
                              headers={"Content-Type": "application/json"})

    def handed_to(self, phone):
        status, body, _ = self.poll()
        self.assertEqual(status, 200, body)
        self.assertEqual((body["payload"]["task"], body["payload"]["secret"]),
                         ("send", SMSSYNC_SECRET))
        return [m for m in body["payload"]["messages"] if m["to"] == phone]

    def test_phone_fetches_confirms_and_each_reply_leaves_once(self):
        phone = new_phone()
        self.inbound(phone, f"LAPOR {PLACE} pipa air bocor")
        mine = self.handed_to(phone)
        self.assertEqual(len(mine), 1)
        receipt(mine[0]["message"])
        uuid = mine[0]["uuid"]
        self.assertRegex(uuid, r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
        forged = uuid[:-1] + ("0" if uuid[-1] != "0" else "1")
        status, body, _ = self.sent([uuid, forged, "not-a-uuid"])
        self.assertEqual((status, body), (200, {"message_uuids": [uuid]}))
        status, body, _ = self.sent([uuid])                 # a second confirmation lists nothing
        self.assertEqual((status, body), (200, {"message_uuids": []}))
        self.assertEqual(self.handed_to(phone), [])         # and it is not offered again
        self.assertEqual(self.fake.messages_to(phone), [])  # the gateway API was not used
        outbox_id = int(uuid.replace("-", "")[:16], 16)
        status, body, _ = self.s.request("GET", "/api/v1/admin/outbox?status=sent",
                                         token="jbt_demo_admin")
        self.assertEqual(status, 200, body)
        self.assertIn(outbox_id, [m["id"] for m in body["messages"]])

    def test_unconfirmed_reply_is_offered_again_then_dead(self):
        phone = new_phone()
        self.inbound(phone, f"LAPOR {PLACE} jalan berlubang")
        first = self.handed_to(phone)
        again = self.handed_to(phone)                      # back-off is 0 s in this test
        self.assertEqual(len(first), 1)
        self.assertEqual([m["uuid"] for m in again], [first[0]["uuid"]])
        self.assertEqual(self.handed_to(phone), [])        # third try: dead (max 3 attempts)
        status, body, _ = self.s.request("GET", "/api/v1/admin/outbox?status=dead",
                                         token="jbt_demo_admin")
        self.assertEqual(status, 200, body)
        dead = [m for m in body["messages"]
                if m["last_error"] == "SMSSync never confirmed this message (task=sent)"]
        self.assertEqual(len(dead), 1)
        self.assertEqual(self.sent([first[0]["uuid"]])[1], {"message_uuids": []})

    def test_bad_secret_task_or_body_is_refused(self):
        status, body, _ = self.poll(secret="guess")
        self.assertEqual(status, 401)
        self.assertEqual(body["payload"], {"success": False, "error": "unauthorized"})
        status, body, _ = self.s.request("GET", "/channels/sms/smssync?task=send")
        self.assertEqual(status, 401)
        q = urllib.parse.urlencode({"task": "dance", "secret": SMSSYNC_SECRET})
        self.assertEqual(self.s.request("GET", "/channels/sms/smssync?" + q)[0], 400)
        for raw in (b"{", b"[]", b'{"queued_messages": "x"}', b'{"queued_messages": [1]}',
                    json.dumps({"queued_messages": ["a"] * 1001}).encode()):
            status, body, _ = self.s.request("POST", "/channels/sms/smssync?task=sent", raw=raw,
                                             headers={"Content-Type": "application/json"})
            self.assertEqual(status, 400, raw)
            self.assertFalse(body["payload"]["success"])
        q = urllib.parse.urlencode({"task": "result", "secret": SMSSYNC_SECRET})
        self.assertEqual(self.s.request("GET", "/channels/sms/smssync?" + q)[1],
                         {"message_uuids": []})


class RestartTest(ChannelBase):
    def test_reply_is_sent_after_a_kill_between_accepting_and_sending(self):
        phone = new_phone()
        self.fake.hang.set()          # the gateway stops answering
        status, _, _ = self.sms(phone, f"LAPOR {PLACE} jembatan retak")
        self.assertEqual(status, 200)  # accepted durably before any reply went out
        time.sleep(0.5)
        self.s.stop(signal.SIGKILL)
        self.fake.hang.clear()
        self.fake.release.set()
        self.s.restart(self.s.serve_args)
        texts = self.fake.wait_for(phone, 1)
        self.assertEqual(len(texts), 1)
        time.sleep(0.5)
        self.assertEqual(len(self.fake.messages_to(phone)), 1)
        receipt(texts[0])


if __name__ == "__main__":
    unittest.main()
