"""Ending every session of one account (after an administrator resets its second factor).

Sessions are found by reading the session table, so the session engine must keep them in
the database (Django's default `db`, or `cached_db`); a system check refuses an engine
whose sessions cannot be listed, rather than a reset that silently leaves them open.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.checks import Error, register
from django.utils import timezone


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def sessions_are_listable() -> bool:
    return hasattr(_session_store(), "get_model_class")


def end_sessions(user) -> int:
    """Delete every unexpired session signed in as USER; return how many ended.

    Each session is decoded (the user id is inside the signed data, not in a column), so
    this reads the whole table: fine for an administrator's occasional reset."""
    store = _session_store()
    user_id = str(user.pk)
    ended = 0
    sessions = store.get_model_class().objects.filter(expire_date__gt=timezone.now())
    for session in sessions.only("session_key", "session_data").iterator(chunk_size=500):
        if str(session.get_decoded().get(SESSION_KEY, "")) == user_id:
            store(session.session_key).delete()  # the cache too, with cached_db
            ended += 1
    return ended


@register()
def sessions_in_the_database(app_configs=None, **kwargs) -> list[Error]:
    if sessions_are_listable():
        return []
    return [
        Error(
            f"SESSION_ENGINE={settings.SESSION_ENGINE!r}: sesji nie da się wyliczyć, więc "
            "wyzerowanie logowania dwuetapowego nie zakończyłoby sesji użytkownika.",
            hint="Użyj django.contrib.sessions.backends.db albo .cached_db.",
            id="accounts.E001",
        )
    ]
