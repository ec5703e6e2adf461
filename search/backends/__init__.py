"""Which backend answers: the database's own full-text search by default, Elasticsearch
when SEARCH_BACKEND (or, by default, ELASTICSEARCH_URL) says so."""

from django.conf import settings
from django.db import connection

from search.backends.base import BackendQuery, BackendResult, BackendUnavailable, SearchBackend

__all__ = [
    "BackendQuery",
    "BackendResult",
    "BackendUnavailable",
    "SearchBackend",
    "get_backend",
    "get_database_backend",
]


def get_database_backend() -> SearchBackend:
    # Backends are imported when chosen: each loads only its own database's or server's
    # client, so a site without Elasticsearch never imports it.
    if connection.vendor == "postgresql":
        from search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from search.backends.sqlite import SQLiteBackend

    return SQLiteBackend()


def backend_name() -> str:
    name = getattr(settings, "SEARCH_BACKEND", "") or ""
    if not name:
        name = "elasticsearch" if getattr(settings, "ELASTICSEARCH_URL", "") else "database"
    return name


def get_backend() -> SearchBackend:
    if backend_name() == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend.from_settings()
    return get_database_backend()
