"""Registered sources of search entries (see base.py for how to add one).

`search` ships the generic ones (pages of every type in pages.py, documents in
documents.py); every other app registers its own in `<app>/search_sources.py`. Both are
imported at start-up by `search.apps`.
"""

from search.sources.base import (
    SearchDocument,
    SearchSource,
    register,
    register_model,
    registry,
)

__all__ = ["SearchDocument", "SearchSource", "register", "register_model", "registry"]
