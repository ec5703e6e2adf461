"""The one place where the portal searches: the page /szukaj/ and the API both call search().

Query → Polish analysis (+ lemmas of words typed without Polish letters) → backend
(Elasticsearch falls back to the database) → entries, excerpts, facets, editors'
promoted results, a "did you mean". It only reads: the views count the query
(log_query, one upsert) and the clock's refreshes run elsewhere (search.refresh).
"""

import difflib
import logging
import re
from dataclasses import dataclass, field

from django.db.models.functions import Length
from django.utils.safestring import SafeString

from wagtail.models import Page

from search.analysis import to_term
from search.backends import (
    BackendQuery,
    BackendUnavailable,
    get_backend,
    get_database_backend,
)
from search.backends.schema import COLUMNS as ANALYSED_COLUMNS
from search.correction import correct_query
from search.highlight import Highlighter
from search.kinds import get_kind, is_kind, state_label
from search.models import IndexedLemma, LemmaForm, SearchEntry, Visibility
from search.phrases import quoted_phrases
from search.phrases import search_phrases as _search_phrases
from search.query import ParsedQuery, normalise_query, parse_query
from search.query_log import anonymise_query, log_query, log_search  # noqa: F401 - the API of this module
from search.synonyms import expand, kept_stopwords, load_rules

logger = logging.getLogger(__name__)

PER_PAGE = 10
MAX_PER_PAGE = 50
# How deep results may be read: a deeper page costs the backend every result before it
# (ranked), and nobody reads that far; a narrower query is the way on.
MAX_RESULTS = 500


def last_page(per_page: int) -> int:
    """The deepest page of PER_PAGE results that starts within MAX_RESULTS."""
    return max(1, -(-MAX_RESULTS // per_page))


@dataclass
class Result:
    entry: SearchEntry
    score: float
    title_html: SafeString
    excerpt: SafeString

    @property
    def kind_label(self) -> str:
        return get_kind(self.entry.kind).label

    @property
    def state_label(self) -> str:
        return state_label(self.entry.state, self.entry.kind) if self.entry.state else ""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    kind: str = ""

    @property
    def kind_label(self) -> str:
        return get_kind(self.kind).label if self.kind else ""


@dataclass
class Promoted:
    title: str
    url: str
    description: str


@dataclass
class SearchResponse:
    query: str
    parsed: ParsedQuery
    results: list[Result] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    kind: str = ""
    state: str = ""
    kinds: list[FacetValue] = field(default_factory=list)
    states: list[FacetValue] = field(default_factory=list)
    promoted: list[Promoted] = field(default_factory=list)
    suggestion: str = ""
    corrected: str = ""  # the query searched instead of the one typed (typos corrected)
    partial: bool = False  # no entry had every word; these have some of them
    backend: str = ""

    @property
    def num_pages(self) -> int:
        """The pages that may be read (the first MAX_RESULTS results)."""
        return min(max(1, -(-self.total // self.per_page)), last_page(self.per_page))

    @property
    def capped(self) -> bool:
        """Whether more results exist than may be read."""
        return self.total > MAX_RESULTS

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1


def visibilities_for(user) -> tuple[str, ...]:
    if user is not None and user.is_authenticated:
        return (Visibility.PUBLIC, Visibility.LOGIN)
    return (Visibility.PUBLIC,)


def restore_diacritics(parsed: ParsedQuery) -> None:
    """Add the lemmas of words typed without Polish letters ("pozarzadowe" → pozarządowy)."""
    wanted = {to_term(group.text): group for group in parsed.groups if group.restorable}
    if not wanted:
        return
    for form, lemma in LemmaForm.objects.filter(form__in=list(wanted)).values_list("form", "lemma"):
        group = wanted[form]
        group.terms.add(to_term(lemma))
        group.lemmas.add(lemma)


def analyse_query(raw: str) -> ParsedQuery:
    """RAW's groups of terms, with lemmas restored and the editors' synonyms added."""
    rules = load_rules()
    parsed = parse_query(raw, kept_stopwords(rules))
    restore_diacritics(parsed)
    expand(parsed, rules)
    return parsed


def backend_groups(parsed: ParsedQuery) -> list[set]:
    return [group.backend_terms() for group in parsed.groups]


def _entries_for(ids) -> dict:
    return SearchEntry.objects.defer("title_terms", "summary_terms", "body_terms").in_bulk(ids)


def ask_backend(method: str, *args):
    """(the backend's METHOD(*ARGS), the backend's name); the database answers when
    Elasticsearch does not (logged)."""
    backend = get_backend()
    try:
        return getattr(backend, method)(*args), backend.name
    except BackendUnavailable as exc:
        if backend.name != "elasticsearch":
            raise
        logger.warning("%s – wyszukiwanie w bazie danych", exc)
        database = get_database_backend()
        return getattr(database, method)(*args), database.name


def run_backend(query: BackendQuery):
    return ask_backend("search", query)


def correct_typos(
    parsed: ParsedQuery, visibilities, known: set[str], kind: str | None = None
) -> tuple[str, bool]:
    """Correct PARSED's words that match nothing among the entries of KIND (any kind if
    None) that VISIBILITIES allow, in place (search.correction): (the query as searched,
    or "" when nothing was corrected; whether a word matching nothing is left). The site
    search and every list's text filter (search.lists) correct alike."""

    def any_match(groups) -> bool:
        query = BackendQuery(groups=groups, visibilities=visibilities, kind=kind, limit=1)
        return ask_backend("any_match", query)[0]

    return correct_query(parsed, any_match, known)


def search(
    raw_query: str,
    *,
    kind: str | None = None,
    state: str | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
    user=None,
    exact: bool = False,
) -> SearchResponse:
    """Search everything USER may see. KIND/STATE filter; PAGE counts from 1 and goes no
    deeper than last_page(PER_PAGE). EXACT: words as typed, no typo correction."""
    parsed = analyse_query(raw_query)
    kind = kind if kind and is_kind(kind) else ""
    state = state or ""
    per_page = min(max(1, int(per_page)), MAX_PER_PAGE)
    page = min(max(1, int(page)), last_page(per_page))
    response = SearchResponse(
        query=parsed.text, parsed=parsed, page=page, per_page=per_page, kind=kind, state=state
    )
    if not parsed:
        return response
    offset = (page - 1) * per_page
    visibilities = visibilities_for(user)
    known = indexed_terms(parsed)
    unmatched = False
    if not exact:
        response.corrected, unmatched = correct_typos(parsed, visibilities, known)
        if response.corrected:
            known = indexed_terms(parsed)
    query = BackendQuery(
        groups=backend_groups(parsed),
        visibilities=visibilities,
        kind=kind or None,
        state=state or None,
        offset=offset,
        limit=min(per_page, MAX_RESULTS - offset),
        fuzzy=unmatched,  # Elasticsearch's own fuzziness for what the vocabulary lacks
    )
    phrases = quoted_phrases(raw_query)
    if phrases:
        result, response.backend = _search_phrases(query, phrases, run_backend, _entries_for)
        if not result.kinds:  # no entry has the phrase: the words anywhere, said so
            result, response.backend = run_backend(query)
            response.partial = bool(result.kinds)
    else:
        result, response.backend = run_backend(query)
    if not result.kinds and len(query.groups) > 1:
        # No entry has every word: show those with some, best first, and say so. Words
        # whose lemmas no public entry has are left out first ("realizacji" in a query
        # about reports): the entries with all the other words are the best answer,
        # and far fewer than those with any one word.
        query.groups = [
            g.backend_terms()
            for g in parsed.groups
            if g.kind != "word" or g.alternatives or g.terms & known
        ]
        if 0 < len(query.groups) < len(parsed.groups):
            result, response.backend = run_backend(query)
        if not result.kinds:
            query.groups = backend_groups(parsed)
            query.operator = "or"
            result, response.backend = run_backend(query)
        response.partial = bool(result.kinds)
    response.total = result.total
    response.kinds = _kind_facets(result.kinds, kind)
    response.states = _state_facets(result.states, kind, state)
    response.results = _results(result.hits, parsed, query.visibilities)
    if page == 1:
        response.promoted = promoted_results(parsed)
    if not result.kinds or response.partial:
        response.suggestion = suggest(parsed, query.visibilities, known)
    return response


def _kind_facets(counts: dict[str, int], selected: str) -> list[FacetValue]:
    facets = [
        FacetValue(name, get_kind(name).plural, count, name == selected)
        for name, count in counts.items()
    ]
    return sorted(facets, key=lambda f: (get_kind(f.value).order, f.value))


def _state_facets(counts: dict, kind: str, selected: str) -> list[FacetValue]:
    facets = [
        FacetValue(state, state_label(state, entry_kind), count, state == selected, entry_kind)
        for (entry_kind, state), count in counts.items()
        if not kind or entry_kind == kind
    ]
    return sorted(facets, key=lambda f: (get_kind(f.kind).order, f.value))


def _results(hits, parsed: ParsedQuery, visibilities) -> list[Result]:
    if not hits:
        return []
    # The analysed columns are as long as the texts and never shown. Who may see an
    # entry is checked again here: a mirror (Elasticsearch) whose update failed may
    # still hold a restricted entry as public.
    entries = (
        SearchEntry.objects.defer(*ANALYSED_COLUMNS)
        .filter(visibility__in=visibilities)
        .in_bulk([pk for pk, _score in hits])
    )
    highlighter = Highlighter(parsed)
    results = []
    for pk, score in hits:
        entry = entries.get(pk)
        if entry is None:  # removed between the search and now (or a stale mirror)
            continue
        results.append(
            Result(
                entry=entry,
                score=score,
                title_html=highlighter.highlight(entry.title),
                excerpt=highlighter.excerpt(entry.summary, entry.body),
            )
        )
    return results


def _signature(parsed: ParsedQuery) -> frozenset:
    return frozenset(frozenset(group.terms) for group in parsed.groups)


def promoted_results(parsed: ParsedQuery) -> list[Promoted]:
    """Editors' promoted results (Wagtail's search promotions) for this query.

    A promotion set for "budżet obywatelski" also answers "budzetu obywatelskiego":
    queries are compared word by word through their lemmas.
    """
    from wagtail.contrib.search_promotions.models import Query

    queries = list(Query.objects.filter(editors_picks__isnull=False).distinct())
    matched = []
    for candidate in queries:
        promoted = parse_query(candidate.query_string)
        if not promoted or len(promoted.groups) != len(parsed.groups):
            continue
        if all(
            any(group.terms & other.terms for other in parsed.groups) for group in promoted.groups
        ):
            matched.append(candidate.pk)
    if not matched:
        return []
    from wagtail.contrib.search_promotions.models import SearchPromotion

    picks = SearchPromotion.objects.filter(query_id__in=matched).select_related("page")
    public_pages = set(
        Page.objects.live()
        .public()
        .filter(pk__in=[p.page_id for p in picks if p.page_id])
        .values_list("pk", flat=True)
    )
    results, seen = [], set()
    for pick in picks.order_by("query_id", "sort_order"):
        if pick.page_id:
            if pick.page_id not in public_pages:
                continue  # a draft or private page is never promoted to the public
            title, url = pick.page.title, pick.page.get_url()
        else:
            title, url = pick.external_link_text or pick.external_link_url, pick.external_link_url
        if not url or url in seen:
            continue
        seen.add(url)
        results.append(Promoted(title=title, url=url, description=pick.description))
    return results


def indexed_terms(parsed: ParsedQuery) -> set[str]:
    """The terms of PARSED's words that the index's vocabulary knows as lemmas."""
    terms = set().union(*(g.terms for g in parsed.groups if g.kind == "word"))
    if not terms:
        return set()
    return set(IndexedLemma.objects.filter(term__in=terms).values_list("term", flat=True))


def suggest(parsed: ParsedQuery, visibilities, known: set[str] | None = None) -> str:
    """ "Did you mean": the query with unknown words replaced by the closest indexed lemmas,
    offered only when it finds something. KNOWN: indexed_terms(PARSED), if known."""
    word_groups = [g for g in parsed.groups if g.kind == "word" and not g.alternatives]
    if not word_groups:
        return ""
    if known is None:
        known = indexed_terms(parsed)
    replacements = {}
    for group in word_groups:
        if group.terms & known:
            continue
        word = to_term(group.text)
        if len(word) < 3:
            continue
        candidates = dict(
            IndexedLemma.objects.annotate(length=Length("term"))
            .filter(term__startswith=word[0], length__gte=len(word) - 2, length__lte=len(word) + 3)
            .values_list("term", "lemma")[:20_000]
        )
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
        if close:
            replacements[group.text] = candidates[close[0]]
    if not replacements:
        return ""
    suggestion = parsed.text
    for original, replacement in replacements.items():
        suggestion = re.sub(rf"(?<!\w){re.escape(original)}(?!\w)", replacement, suggestion)
    if suggestion == parsed.text:
        return ""
    check = analyse_query(suggestion)
    groups = backend_groups(check)
    query = BackendQuery(groups=groups, visibilities=visibilities, limit=1)
    return suggestion if ask_backend("any_match", query)[0] else ""


def autocomplete(raw: str, user=None, limit: int = 8) -> list[SearchEntry]:
    """Titles that contain the typed words, the last one possibly unfinished."""
    text = normalise_query(raw, 100)
    if not text:
        return []
    complete, _space, last = text.rpartition(" ") if not text.endswith(" ") else (text, "", "")
    parsed = analyse_query(complete)
    prefix = to_term(last)[:30]
    groups = backend_groups(parsed)
    if not groups and len(prefix) < 2:
        return []
    ids, _name = ask_backend("autocomplete", groups, prefix, visibilities_for(user), limit)
    entries = SearchEntry.objects.in_bulk(ids)
    return [entries[pk] for pk in ids if pk in entries]
