"""A local stand-in for the providers' send APIs (SMS Gateway for Android, Telegram, Zalo),
started by the tests: records every message it accepts, and can be told to fail or hang. It
also serves the photos of `files` (name -> bytes) as Telegram's getFile and file download do,
and under /img/<name> as a Zalo image URL."""
import http.server
import json
import threading
import time
import urllib.parse


class FakeProvider:
    def __init__(self):
        self.lock = threading.Lock()
        self.delivered = []       # (path, json body, headers) of accepted messages
        self.failures = 0         # requests answered with an error
        self.fail_next = 0        # answer this many requests with 503
        self.fail_status = 503
        self.hang = threading.Event()    # set: requests wait (then fail) instead of answering
        self.release = threading.Event()
        self.files = {}           # photos: file_id or image name -> bytes
        self.downloads = 0        # photo downloads served
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                if fake.hang.is_set():
                    fake.release.wait(30)
                    self.answer(503, {"error": "hung"})
                    return
                with fake.lock:
                    if fake.fail_next > 0:
                        fake.fail_next -= 1
                        fake.failures += 1
                        status = fake.fail_status
                    else:
                        status = 200
                        fake.delivered.append((self.path, json.loads(raw), dict(self.headers)))
                if status != 200:
                    self.answer(status, {"error": "try later"})
                elif "/v3.0/oa/message/cs" in self.path:
                    self.answer(200, {"error": 0, "message": "Success"})
                elif "/sendMessage" in self.path:
                    self.answer(200, {"ok": True, "result": {"message_id": 1}})
                else:
                    self.answer(202, {"id": "x", "state": "Pending"})

            def do_GET(self):
                path, _, query = self.path.partition("?")
                with fake.lock:
                    files = dict(fake.files)
                if path.endswith("/getFile"):
                    file_id = urllib.parse.parse_qs(query).get("file_id", [""])[0]
                    if file_id in files:
                        self.answer(200, {"ok": True, "result": {
                            "file_id": file_id, "file_path": f"photos/{file_id}.jpg"}})
                    else:
                        self.answer(400, {"ok": False, "description": "Bad Request: invalid file_id"})
                    return
                name = path.rsplit("/", 1)[-1].removesuffix(".jpg")
                if ("/file/bot" in path or path.startswith("/img/")) and name in files:
                    data = files[name]
                    with fake.lock:
                        fake.downloads += 1
                    self.send_response(200)
                    self.send_header("Content-Type", "image/jpeg")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                self.answer(404, {"error": "no such file"})

            def answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def messages_to(self, address):
        """Texts delivered to a phone or chat id, in order."""
        out = []
        with self.lock:
            for path, body, _ in self.delivered:
                if body.get("phoneNumbers") == [address]:
                    out.append(body["textMessage"]["text"])
                elif str(body.get("chat_id")) == address:
                    out.append(body["text"])
                elif body.get("recipient", {}).get("user_id") == address:
                    out.append(body["message"]["text"])
        return out

    def wait_for(self, address, count, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.messages_to(address)
            if len(got) >= count:
                return got
            time.sleep(0.05)
        return self.messages_to(address)

    def close(self):
        self.release.set()
        self.server.shutdown()
