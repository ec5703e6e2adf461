"""Production settings refuse to start without a secret key; the environment is parsed."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import pytest

from config.env import env_bool, env_list

ROOT = Path(__file__).resolve().parents[2]


def _import_production(extra_env: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    env.update(extra_env)
    env["PYTHONPATH"] = f"{ROOT / 'site'}:{ROOT}"
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.production"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _import_production({})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_secret_key():
    result = _import_production({"SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr


def test_production_refuses_several_processes_with_a_page_cache_of_their_own():
    base = {"SECRET_KEY": "x" * 50, "REDIS_URL": "", "WEB_CONCURRENCY": "4"}
    result = _import_production(base)
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr
    assert _import_production({**base, "PAGE_CACHE_SECONDS": "0"}).returncode == 0
    assert _import_production({**base, "WEB_CONCURRENCY": "1"}).returncode == 0


def _production_sessions(extra_env: dict) -> list:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS", "DATABASE_URL"))}
    env.update({"SECRET_KEY": "x" * 50, **extra_env, "PYTHONPATH": f"{ROOT / 'site'}:{ROOT}"})
    code = (
        "import json, config.settings.production as s; print(json.dumps([getattr(s, "
        "'SESSION_ENGINE', None), getattr(s, 'SESSION_CACHE_ALIAS', None), "
        "s.CACHES.get('sessions')]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sessions_are_cached_only_in_the_redis_that_never_evicts():
    """cached_db on the counters' server, answering "miss" in an outage (the database); no
    memory cache of a process, which a logout in another process would not reach."""
    engine, alias, cache = _production_sessions(
        {"REDIS_URL": "redis://pages:6379/0", "REDIS_COUNTERS_URL": "redis://counters:6379/1"}
    )
    assert engine == "accounts.session_store" and alias == "sessions"
    assert cache["LOCATION"] == "redis://counters:6379/1" and cache["OUTAGE"] == "miss"
    assert _production_sessions({}) == [None, None, None]  # Django's default: the database


def test_booleans_are_parsed_explicitly(monkeypatch):
    monkeypatch.setenv("FLAG", "tak")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG") is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG")


def test_lists_drop_blanks(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.pl, ,b.pl ")
    assert env_list("HOSTS") == ["a.pl", "b.pl"]


def test_site_and_admin_speak_polish(client, db):
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "pl"
    assert settings.TIME_ZONE == "Europe/Warsaw"
    html = client.get("/admin/login/").content.decode()
    assert "Zaloguj" in html


def test_production_keeps_compiled_templates():
    """Every uncached render would otherwise read and compile each template it includes
    (issue 17): production's engine must wrap its loaders in Django's cached loader."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(
        SECRET_KEY="x" * 50,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        PYTHONPATH=f"{ROOT / 'site'}:{ROOT}",
    )
    script = (
        "import django; django.setup(); from django.template import engines; "
        "print(engines['django'].engine.loaders[0][0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.template.loaders.cached.Loader"
