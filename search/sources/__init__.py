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
    """Import the sources this package ships (each registers itself)."""
    from search.sources import documents, pages, people  # noqa: F401
