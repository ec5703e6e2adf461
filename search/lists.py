"""A list's text box and an API's `?search=` with the site search's analysis.

Every list that filters by typed text (the NGO directory, the budget's projects, the
local initiatives' register, a council's resolutions, the records API endpoints) asks
the search index which of its objects match, exactly as /szukaj/ would: lemmas
("Ząbkowice" finds "…Przyjaciół Ząbkowic"), Polish letters folded, identifiers in any
grouping, the editors' synonyms, and a word that matches nothing corrected to the
nearest indexed form (the site search's own `correct_typos`). The list then keeps its
own order, filters and pages; only public entries count, so nothing a list would not
show is revealed by what it filters.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from search.backends import BackendQuery
from search.models import SearchEntry, Visibility
from search.query import normalise_query
from search.service import (
    MAX_RESULTS,
    analyse_query,
    backend_groups,
    correct_typos,
    indexed_terms,
    run_backend,
)

PUBLIC = (Visibility.PUBLIC,)
# How many matches a list reads from the index: more than anyone pages through, and a
# narrower query is the way on (a list shows what its filters and this leave).
MAX_MATCHES = MAX_RESULTS * 4
MAX_QUERY_LENGTH = 100


def matching_object_ids(
    raw: str,
    kind: str | None = None,
    *,
    model=None,
    kinds: tuple[str, ...] = (),
    operator: str = "and",
    limit: int = MAX_MATCHES,
) -> list[str]:
    """The ids of the objects whose public entries match RAW as the site search reads it,
    best first: the entries of KIND, or (MODEL) those indexed for that model, such as
    every page; KINDS, the kinds that model's entries have, keeps the LIMIT matches read
    from being taken by other models' entries. OPERATOR "or": any word may match instead
    of all."""
    parsed = analyse_query(normalise_query(raw, MAX_QUERY_LENGTH))
    if not parsed:
        return []
    correct_typos(parsed, PUBLIC, indexed_terms(parsed), kind)
    query = BackendQuery(
        groups=backend_groups(parsed),
        visibilities=PUBLIC,
        kind=kind,
        kinds=tuple(kinds),
        limit=limit,
        operator="or" if operator == "or" else "and",
    )
    result, _name = run_backend(query)
    # Checked again here: a mirror (Elasticsearch) whose update failed may hold a
    # restricted entry as public.
    entries = SearchEntry.objects.filter(
        pk__in=[pk for pk, _score in result.hits], visibility=Visibility.PUBLIC
    )
    if kind:
        entries = entries.filter(kind=kind)
    if model is not None:
        entries = entries.filter(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False)
        )
    objects = dict(entries.values_list("pk", "object_id"))
    return [objects[pk] for pk, _score in result.hits if pk in objects]


def search_q(raw: str, kind: str | None = None, *, model=None) -> Q:
    """A filter for the objects (integer keys) whose public entries match RAW."""
    ids = matching_object_ids(raw, kind, model=model)
    return Q(pk__in=[int(pk) for pk in ids if pk.isdigit()])


def filter_by_search(queryset, raw: str, kind: str | None = None, *, model=None, also=None):
    """QUERYSET narrowed to the objects matching RAW with the site search's analysis, or
    ALSO (a Q: e.g. a name containing the text as typed, for a record saved a moment ago
    whose entry is not written yet, or a name's beginning). RAW empty: QUERYSET."""
    if not normalise_query(raw, MAX_QUERY_LENGTH):
        return queryset
    condition = search_q(raw, kind, model=model)
    if also is not None:
        condition |= also
    return queryset.filter(condition)
