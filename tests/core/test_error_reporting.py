"""Error reporting (SENTRY_DSN): off by default; on, it sends no personal data.

Events are caught by a sentry_sdk Transport of the test's own: nothing leaves the machine.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import sentry_sdk

from core.error_reporting import init_error_reporting
from tests.live_site import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_without_a_dsn_nothing_is_started():
    # The suite's settings have no SENTRY_DSN: CoreConfig.ready() started nothing.
    assert not sentry_sdk.get_client().is_active()
    assert init_error_reporting("") is False
    assert not sentry_sdk.get_client().is_active()


# Run in another process (sentry_sdk.init changes the process for good). Its database is a
# PostgreSQL address where nothing listens, so a request fails as in an outage.
SCRIPT = """
import io
import json
import os
import urllib.parse
import wsgiref.util
import sentry_sdk
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from sentry_sdk.transport import Transport
from core.error_reporting import init_error_reporting

started = sentry_sdk.get_client()
report = {"active_at_start": started.is_active(), "options": {
    key: started.options[key] for key in
    ("dsn", "environment", "release", "send_default_pii", "max_request_body_size",
     "include_local_variables")}}

SENT = []

class Captured(Transport):
    def capture_envelope(self, envelope):
        SENT.append(envelope)

init_error_reporting(settings.SENTRY_DSN, environment=settings.SENTRY_ENVIRONMENT,
                     release=settings.SENTRY_RELEASE, transport=Captured)
# A resident's comment posted through the real WSGI application, as gunicorn would. The
# private values come from the environment: this source shows in the event's stack frames.
private = json.loads(os.environ["PRIVATE_REQUEST"])
body = urllib.parse.urlencode(private["form"]).encode()
csrf = "a" * 32
environ = {
    "REQUEST_METHOD": "POST", "PATH_INFO": "/", "wsgi.input": io.BytesIO(body),
    "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": "application/x-www-form-urlencoded",
    "HTTP_COOKIE": f"sessionid={private['session']}; csrftoken={csrf}", "HTTP_X_CSRFTOKEN": csrf,
    "HTTP_AUTHORIZATION": private["authorization"], "HTTP_X_FORWARDED_FOR": private["forwarded"],
    "REMOTE_ADDR": private["address"], "SERVER_NAME": "testserver", "HTTP_HOST": "testserver",
}
wsgiref.util.setup_testing_defaults(environ)
statuses = []
b"".join(get_wsgi_application()(environ, lambda status, headers, *a: statuses.append(status)))
sentry_sdk.flush()
events = [envelope.get_event() for envelope in SENT if envelope.get_event()]
report["status"] = statuses[0]
report["events"] = events
report["raw"] = b"".join(envelope.serialize() for envelope in SENT).decode("utf-8", "replace")
print(json.dumps(report, default=str))
"""


PRIVATE = {
    "form": {"email": "anna.nowak@example.pl", "comment": "Moja uwaga"},
    "session": "sesja-mieszkanca",
    "authorization": "Bearer tajny-token",
    "forwarded": "198.51.100.99",
    "address": "203.0.113.77",
}


def test_with_a_dsn_errors_are_reported_without_personal_data():
    dsn = f"http://publickey@127.0.0.1:{free_port()}/1"  # loopback; the test's transport sends
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://portal@127.0.0.1:{free_port()}/portal",
        "SENTRY_DSN": dsn,
        "SENTRY_ENVIRONMENT": "staging",
        "SENTRY_RELEASE": "portal@1.2.3",
        "PRIVATE_REQUEST": json.dumps(PRIVATE),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    # Started at start-up from the settings, with personal data off.
    assert report["active_at_start"] is True
    assert report["options"] == {
        "dsn": dsn,
        "environment": "staging",
        "release": "portal@1.2.3",
        "send_default_pii": False,
        "max_request_body_size": "never",
        "include_local_variables": False,
    }
    # The failed request was reported, with its environment and release...
    assert report["status"].startswith("503")
    assert len(report["events"]) == 1
    event = report["events"][0]
    assert event["environment"] == "staging" and event["release"] == "portal@1.2.3"
    assert event["request"]["url"] == "http://testserver/"
    assert event["request"]["method"] == "POST"
    assert "OperationalError" in [value["type"] for value in event["exception"]["values"]]
    # ...and nothing personal: no cookies, body, client address or credentials.
    assert "cookies" not in event["request"]
    headers = {name.lower(): value for name, value in event["request"]["headers"].items()}
    assert headers["host"] == "testserver"
    for name in ("cookie", "authorization", "x-forwarded-for"):
        assert headers.get(name, "") in ("", "[Filtered]"), name
    assert "data" not in event["request"] or not event["request"]["data"]
    assert "ip_address" not in event.get("user", {})
    for private in (
        PRIVATE["session"],
        "tajny-token",
        PRIVATE["address"],
        PRIVATE["forwarded"],
        "anna.nowak",
        "Moja uwaga",
        "Moja+uwaga",
    ):
        at = report["raw"].find(private)
        assert at < 0, report["raw"][max(0, at - 400) : at + 100]
