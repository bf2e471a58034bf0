"""Writes N signed SMS Gateway for Android webhook deliveries, one per line:
signature <TAB> timestamp <TAB> body. Each has its own delivery id, sender and village, so
every request is a new report (replays would only measure the de-duplication)."""
import hashlib
import hmac
import json
import random
import sys

key, n, ts, out = sys.argv[1].encode(), int(sys.argv[2]), sys.argv[3], sys.argv[4]
rnd = random.Random(7)
with open(out, "w") as f:
    for i in range(n):
        commune, village = rnd.randint(1, 99), rnd.randint(1, 17)
        body = json.dumps({
            "deviceId": "bench", "event": "sms:received", "id": f"bench-{ts}-{i}",
            "payload": {"messageId": str(i), "phoneNumber": "+6281%08d" % rnd.randint(0, 99999999),
                        "message": f"LAPOR C{commune:03d}-V{village:02d} jalan rusak parah di dusun, "
                                   f"mohon diperbaiki ({i})",
                        "simNumber": 1, "receivedAt": "2026-11-23T10:00:00.000+07:00"},
            "webhookId": "bench"}, separators=(",", ":"))
        sig = hmac.new(key, (body + ts).encode(), hashlib.sha256).hexdigest()
        f.write(f"{sig}\t{ts}\t{body}\n")
