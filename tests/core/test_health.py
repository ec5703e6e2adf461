"""/health/ for the load balancer: 200 while pages can be served (ok or degraded), 503
when the database is down; JSON, never cached, nothing private."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from django.test import Client
from django.utils import timezone

import pytest

from core.models import WorkerHeartbeat
from search.models import IndexFailure
from tests.live_site import free_port

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def health(client=None):
    response = (client or Client()).get("/health/")
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    return response, response.json()


def test_everything_working_is_ok(settings):
    settings.PAGE_CACHE_SECONDS = 60
    response, body = health()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["checks"] == {
        "database": {"status": "ok"},
        "cache": {"status": "ok", "default": "ok", "counters": "ok"},
        "worker": {"status": "ok", "mode": "immediate"},
        "search": {"status": "ok", "failed_updates": 0, "late_refreshes": 0, "missing_objects": 0},
    }
    again, _body = health()
    assert "X-Page-Cache" not in response and "X-Page-Cache" not in again


def test_no_worker_heartbeat_is_degraded_but_still_serving(settings):
    settings.TASKS = DATABASE_TASKS
    response, body = health()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["worker"] == {"status": "degraded", "last_heartbeat": None}

    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1", hostname="app1", pid=1, started_at=now, last_seen_at=now
    )
    response, body = health()
    assert body["status"] == "ok" and body["checks"]["worker"]["status"] == "ok"
    assert body["checks"]["worker"]["last_heartbeat"] == now.isoformat()

    WorkerHeartbeat.objects.update(last_seen_at=now - timedelta(minutes=5))
    _response, body = health()
    assert body["checks"]["worker"]["status"] == "degraded"


def test_a_failed_index_update_is_degraded_with_its_count():
    IndexFailure.objects.create(
        object_label="pages.page", object_id="1", task="reindex", error="boom"
    )
    response, body = health()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["search"]["status"] == "degraded"
    assert body["checks"]["search"]["failed_updates"] == 1
    assert "boom" not in response.content.decode()  # counts only, never an error's text


def test_redis_down_is_degraded_not_failed(redis_caches):
    response, body = health()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["checks"]["cache"] == {"status": "ok", "default": "ok", "counters": "ok"}

    redis_caches.stop()
    response, body = health()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["cache"] == {
        "status": "degraded",
        "default": "unavailable",
        "counters": "unavailable",
    }
    assert body["checks"]["database"]["status"] == "ok"

    redis_caches.start()
    _response, body = health()
    assert body["checks"]["cache"]["status"] == "ok"


def test_only_get_and_head():
    assert Client().post("/health/").status_code == 405


# Run in another process: its database is a PostgreSQL address where nothing listens.
DATABASE_DOWN_SCRIPT = """
import json
from django.test import Client
client = Client(raise_request_exception=False)
answers = {}
for path in ("/health/", "/"):
    response = client.get(path)
    answers[path] = {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "body": response.content.decode(),
    }
print(json.dumps(answers))
"""


def test_database_down_is_503_for_health_and_503_with_retry_after_for_pages():
    port = free_port()  # nothing listens there
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://portal:secret@127.0.0.1:{port}/portal",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", DATABASE_DOWN_SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    health_answer = answers["/health/"]
    assert health_answer["status"] == 503
    body = json.loads(health_answer["body"])
    assert body["status"] == "fail"
    assert body["checks"]["database"] == {"status": "fail"}
    assert body["checks"]["cache"]["status"] == "ok"
    # Nothing private: no address, port, user or password of the database.
    for secret in (str(port), "secret", "portal:", "127.0.0.1"):
        assert secret not in health_answer["body"]

    page = answers["/"]
    assert page["status"] == 503
    assert page["retry_after"] == "15"
