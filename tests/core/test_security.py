"""Security headers on every answer, production settings that pass `check --deploy`."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def _directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.django_db
def test_public_pages_forbid_inline_script_and_style(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    policy = _directives(response.headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_every_answer_carries_the_other_security_headers(client, home_page):
    for path in ("/", "/nie-ma-takiej-strony/", "/api/v2/pages/", "/admin/login/"):
        response = client.get(path)
        assert "camera=()" in response.headers["Permissions-Policy"], path
        assert "geolocation=()" in response.headers["Permissions-Policy"], path
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", path
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin", path
        assert "Content-Security-Policy" in response.headers, path


@pytest.mark.django_db
def test_the_admin_gets_its_own_policy(client):
    response = client.get("/admin/login/")
    policy = _directives(response.headers["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]  # Wagtail's preview frames its own pages
    assert policy["object-src"] == ["'none'"]


def _template_files():
    roots = [ROOT / "templates", *(p for p in (ROOT / "site").glob("**/templates"))]
    for root in roots:
        yield from root.rglob("*.html")


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def test_no_public_template_has_inline_script_style_or_event_handler():
    """The public policy would block them; every template of the site is read, so each
    app's templates are held to it as they land."""
    offenders = []
    for path in _template_files():
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER):
            offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not offenders, offenders


def test_the_template_scan_recognises_what_it_forbids():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script type="application/ld+json">{}</script>')
    assert not INLINE_SCRIPT.search('<script src="/static/x.js"></script>')
    assert INLINE_STYLE.search('<p style="color:red">')
    assert EVENT_HANDLER.search('<a href="#" onclick="x()">')


def _production(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.pop("SECRET_KEY", None)
    environment.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env})
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_with_no_warning():
    # As deployed: with the shared cache (without it core.W002 warns, tested with it).
    result = _production(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        REDIS_URL="redis://127.0.0.1:6379/0",
        VOTER_ID_HASH_KEY=secrets.token_hex(32),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _production("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_cookies_and_transport_are_secure():
    result = _production(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.DEBUG, "
        "'upgrade-insecure-requests' in s.CSP_PUBLIC_POLICY)",
        SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"] * 6 + ["False", "True"]


def test_editors_addresses_are_not_sent_to_an_avatar_service():
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
