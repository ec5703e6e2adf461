"""How a kind of content becomes search entries: one adapter (SearchSource) per model.

An app plugs its content in by registering an adapter (and its kind) in its own
`<app>/search_sources.py`, imported at start-up by `search.apps`:

    from search.kinds import register_kind
    from search.sources import SearchDocument, SearchSource, register

    register_kind("ngo", "Organizacja pozarządowa", "Organizacje pozarządowe", order=50)

    @register
    class NgoSource(SearchSource):
        model = Organisation
        kind = "ngo"

        def to_document(self, obj):
            if not obj.is_public:
                return None  # not indexed; an existing entry is removed
            return SearchDocument(title=obj.name, url=obj.get_absolute_url(), ...)

A model may instead implement `search_document(self) -> SearchDocument | None` and be
registered with `register_model(Model, kind="...")`. Saving or deleting an instance of
a registered model updates the index (search.signal_handlers).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models

from search.models import Visibility


@dataclass
class SearchDocument:
    """What the index stores about one object. `visibility` says who may find it."""

    title: str
    url: str
    kind: str = ""  # defaults to the source's kind
    date: datetime | None = None
    summary: str = ""
    body: str = ""
    identifiers: list[str] = field(default_factory=list)
    state: str = ""
    refresh_at: datetime | None = None  # when the clock alone changes this entry (state...)
    visibility: str = Visibility.PUBLIC
    source_hash: str = ""
    extraction_error: str = ""


class SearchSource:
    """The adapter between one model and the index."""

    model: type[models.Model]
    kind: str = "page"
    batch_size = 200

    @property
    def index_model(self) -> type[models.Model]:
        """The model whose content type keys the entries (pages all share Page's)."""
        return self.model

    def handles(self, model: type[models.Model]) -> bool:
        return issubclass(model, self.model)

    def get_queryset(self) -> models.QuerySet:
        """Every object that may be in the index (to_document decides for each)."""
        return self.model._default_manager.all().order_by("pk")

    def prepare_batch(self, objects: list[models.Model]) -> list[models.Model]:
        """A hook to load related data for a batch at once (select/prefetch)."""
        return objects

    def to_document(self, obj: models.Model) -> SearchDocument | None:
        """The entry for OBJ, or None when it must not be in the index."""
        method = getattr(obj, "search_document", None)
        if method is None:
            raise NotImplementedError(f"{type(self).__name__}.to_document")
        return method()

    def dependents(self, instance: models.Model) -> Iterable[models.Model]:
        """Objects of this source whose entry changes when INSTANCE (another model) changes."""
        return ()

    watched_models: tuple[type[models.Model], ...] = ()
    """Other models whose changes call dependents() (e.g. Person watches team pages)."""


class SourceRegistry:
    def __init__(self):
        self._sources: list[SearchSource] = []

    def register(self, source: SearchSource) -> SearchSource:
        self._sources = [
            s
            for s in self._sources
            if not (type(s).__name__ == type(source).__name__ and s.model is source.model)
        ]
        self._sources.append(source)
        return source

    def __iter__(self):
        return iter(self._sources)

    def for_model(self, model: type[models.Model]) -> SearchSource | None:
        """The most specific source that handles MODEL."""
        matches = [s for s in self._sources if s.handles(model)]
        if not matches:
            return None
        return max(matches, key=lambda s: len(s.model.__mro__))

    def for_kind(self, kind: str) -> list[SearchSource]:
        return [s for s in self._sources if s.kind == kind]

    def watching(self, model: type[models.Model]) -> list[SearchSource]:
        return [s for s in self._sources if any(issubclass(model, w) for w in s.watched_models)]


registry = SourceRegistry()


def register(source_class: type[SearchSource]) -> type[SearchSource]:
    """Class decorator: register an instance of SOURCE_CLASS."""
    registry.register(source_class())
    return source_class


def register_model(model: type[models.Model], kind: str) -> SearchSource:
    """Register MODEL, which implements search_document(), under KIND."""
    source = type(f"{model.__name__}Source", (SearchSource,), {"model": model, "kind": kind})()
    return registry.register(source)
