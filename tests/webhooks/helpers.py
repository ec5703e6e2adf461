"""What the webhook tests share: a real local receiver, publishing, checking signatures."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

SECRET = "wspolny-sekret"


class Receiver:
    """A real HTTP server on 127.0.0.1 that records what it is sent (or answers 503: while
    `down`, and to the next `fail_next` requests; `refused` keeps their headers)."""

    def __init__(self):
        self.received: list[dict] = []
        self.refused: list[dict] = []
        self.down = False
        self.fail_next = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if receiver.down or receiver.fail_next > 0:
                    receiver.fail_next = max(receiver.fail_next - 1, 0)
                    receiver.refused.append({"headers": dict(self.headers), "body": body})
                    self.send_response(503)
                    self.end_headers()
                    return
                receiver.received.append({"headers": dict(self.headers), "body": body})
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def publish(page, django_capture_on_commit_callbacks):
    """Publish PAGE; the page as the admin would load it next (fresh from the database)."""
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def verify(message):
    headers = message["headers"]
    signed = headers["X-Webhook-Timestamp"].encode() + b"." + message["body"]
    expected = "sha256=" + hmac.new(SECRET.encode(), signed, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Webhook-Signature"], expected)
    return json.loads(message["body"])
