"""Registered sources of search entries (see base.py for how to add one)."""

from search.sources.base import (
    SearchDocument,
    SearchSource,
    register,
    register_model,
    registry,
)

__all__ = ["SearchDocument", "SearchSource", "register", "register_model", "registry"]


def load_builtin_sources() -> None:
    """Import the sources this package ships (each registers itself), and the adapters
    of the portal's other apps that are installed (the registry app keeps its own, in
    registry/search_sources.py, found by autodiscovery)."""
    from django.apps import apps

    from search.sources import documents, pages, people  # noqa: F401

    if apps.is_installed("consultations"):
        from search.sources import consultations  # noqa: F401
    if apps.is_installed("cao"):
        from search.sources import cao  # noqa: F401
