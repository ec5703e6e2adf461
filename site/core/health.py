"""/health/: what a load balancer asks before sending a node traffic (JSON, never cached).

200 while the node can serve pages, even degraded: a cache (Redis) that does not answer,
no task worker heartbeat, or a search index in trouble leave the site readable (pages
rendered uncached, tasks waiting in the queue), and taking every node out of the load
balancer for them would take the whole site down. 503 only when the database does not
answer, the one thing no page can do without.

Nothing private: states and counts only, never an error's text (it may name hosts or
credentials), no versions, no user data.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from core.cache import ResilientRedisCache
from core.worker_health import last_worker_heartbeat, worker_is_alive
from search.integrity import index_health

logger = logging.getLogger(__name__)

OK, DEGRADED, FAIL = "ok", "degraded", "fail"
CACHE_ALIASES = ("default", "counters")


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health: database unavailable: %r", error)
        return {"status": FAIL}
    return {"status": OK}


def _cache_answers(alias: str) -> bool:
    backend = caches[alias]
    if not isinstance(backend, ResilientRedisCache):
        return True  # a memory cache of this process (no REDIS_URL)
    return backend.answers()


def check_cache() -> dict:
    answers = {alias: (OK if _cache_answers(alias) else "unavailable") for alias in CACHE_ALIASES}
    status = OK if all(value == OK for value in answers.values()) else DEGRADED
    return {"status": status, **answers}


def check_worker() -> dict:
    if "immediate" in settings.TASKS["default"]["BACKEND"].lower():
        return {"status": OK, "mode": "immediate"}  # tasks run in the request: no worker
    last = last_worker_heartbeat()
    return {
        "status": OK if worker_is_alive() else DEGRADED,
        "last_heartbeat": last.isoformat() if last else None,
    }


def check_search() -> dict:
    try:
        health = index_health()
    except DatabaseError as error:
        logger.warning("Health: search index check failed: %r", error)
        return {"status": DEGRADED}
    return {
        "status": OK if health["ok"] else DEGRADED,
        "failed_updates": health["failed_updates"],
        "late_refreshes": health["late_refreshes"],
        "missing_objects": len(health["missing_objects"]),
    }


def overall(checks: dict) -> str:
    if checks["database"]["status"] == FAIL:
        return FAIL
    if all(check["status"] == OK for check in checks.values()):
        return OK
    return DEGRADED


@require_safe
def health(request):
    """The node's state as JSON: 200 (ok or degraded) or 503 (the database is down)."""
    checks = {"database": check_database(), "cache": check_cache()}
    if checks["database"]["status"] == OK:
        checks["worker"] = check_worker()
        checks["search"] = check_search()
    status = overall(checks)
    response = JsonResponse(
        {"status": status, "checks": checks},
        status=503 if status == FAIL else 200,
        json_dumps_params={"ensure_ascii": False},
    )
    add_never_cache_headers(response)
    return response
