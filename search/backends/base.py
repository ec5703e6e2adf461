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
    # Only entries of these kinds (e.g. every kind a page may have), with `kind` too:
    # a list that reads N matches of some kinds must not have them crowded out by others.
    kinds: tuple[str, ...] = ()
    state: str | None = None
    offset: int = 0
    limit: int = 10
    operator: str = "and"
    fuzzy: bool = False  # typos allowed where the backend can (Elasticsearch)
    # A term is a string, or a tuple of term sets: a synonym of several words, all of
    # which must match (search.synonyms).

    def admits(self, kind: str) -> bool:
        """Whether an entry of KIND passes the kind filters."""
        return (not self.kind or kind == self.kind) and (not self.kinds or kind in self.kinds)


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
            if state == query.state and query.admits(kind)
        )
    return sum(count for kind, count in kinds.items() if query.admits(kind))


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
