"""The contract every search backend keeps, so the service never knows which one runs."""

from dataclasses import dataclass, field


class BackendUnavailable(Exception):
    """The backend cannot answer now (e.g. Elasticsearch is down): use the database."""


@dataclass
class BackendQuery:
    """A parsed query in index terms: every group must match (one of its terms), or,
    with operator "or", any group may."""

    groups: list[set]
    visibilities: tuple[str, ...] = ("public",)
    kind: str | None = None
    state: str | None = None
    offset: int = 0
    limit: int = 10
    operator: str = "and"
    fuzzy: bool = False  # typos allowed where the backend can (Elasticsearch)
    # A term is a string, or a tuple of term sets: a synonym of several words, all of
    # which must match (search.synonyms).


@dataclass
class BackendResult:
    hits: list[tuple[int, float]]  # (SearchEntry id, score), best first
    total: int  # matches with the kind/state filters applied
    kinds: dict[str, int] = field(default_factory=dict)  # facet, filters not applied
    states: dict[tuple[str, str], int] = field(default_factory=dict)  # (kind, state) facet


def total_for(query: BackendQuery, kinds: dict, states: dict) -> int:
    """The count of matches under QUERY's filters, from the unfiltered facet counts."""
    if query.state:
        return sum(
            count
            for (kind, state), count in states.items()
            if state == query.state and (not query.kind or kind == query.kind)
        )
    if query.kind:
        return kinds.get(query.kind, 0)
    return sum(kinds.values())


class SearchBackend:
    name = "base"
    mirrors = False  # True when entries must be copied to it (Elasticsearch)

    def search(self, query: BackendQuery) -> BackendResult:
        raise NotImplementedError

    def any_match(self, query: BackendQuery) -> bool:
        """Whether any entry matches QUERY (its kind, state and page aside)."""
        return bool(self.search(query).kinds)

    def autocomplete(
        self, groups: list[set[str]], prefix: str, visibilities: tuple[str, ...], limit: int
    ) -> list[int]:
        """Ids of entries whose title has every group and a word starting with PREFIX."""
        raise NotImplementedError

    def status(self) -> dict:
        return {"backend": self.name}

    # Only mirroring backends implement these.
    def index_entries(self, entries) -> None:
        pass

    def remove_entries(self, ids) -> None:
        pass

    def reset(self) -> None:
        pass

    def sync_from_database(self, since=None) -> None:
        pass
