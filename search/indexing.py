"""Writing the index: objects → SearchDocuments → analysed SearchEntry rows (+ Elasticsearch).

The SearchEntry table is the source of truth on every deployment; Elasticsearch, when
configured, mirrors it and may always be refilled from it (`search_index update`).
Nothing here may break the action that triggered it: the callers in tasks.py log and
swallow errors, and database writes run in their own savepoint.
"""

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from search import failures
from search.analysis import analyse, has_polish_letters, to_term
from search.backends import get_backend
from search.backends.schema import compact
from search.models import IndexedLemma, LemmaForm, SearchEntry, Visibility
from search.morphology import morfeusz
from search.sources import SearchDocument, SearchSource, registry

logger = logging.getLogger(__name__)

MAX_BODY_CHARS = 300_000
_UPDATE_FIELDS = [
    "kind",
    "title",
    "url",
    "date",
    "summary",
    "body",
    "identifiers",
    "state",
    "refresh_at",
    "visibility",
    "source_hash",
    "extraction_error",
    "title_terms",
    "ident_terms",
    "summary_terms",
    "body_terms",
    "indexed_at",
]


@dataclass
class IndexReport:
    indexed: int = 0
    removed: int = 0
    kinds: dict[str, int] = field(default_factory=dict)

    def add(self, other: "IndexReport") -> None:
        self.indexed += other.indexed
        self.removed += other.removed
        for kind, count in other.kinds.items():
            self.kinds[kind] = self.kinds.get(kind, 0) + count


def batched(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def content_type_for(source: SearchSource) -> ContentType:
    return ContentType.objects.get_for_model(source.index_model, for_concrete_model=False)


def build_entry(document: SearchDocument, source: SearchSource, obj, content_type, lemmas):
    """An unsaved SearchEntry for DOCUMENT, with its analysed columns.

    Lemmas of public text are added to LEMMAS (the vocabulary must not reveal words
    that only restricted content contains).
    """
    vocabulary = lemmas if document.visibility == Visibility.PUBLIC else None
    body = (document.body or "")[:MAX_BODY_CHARS]
    identifiers = " ".join(str(value) for value in document.identifiers if value)
    return SearchEntry(
        kind=document.kind or source.kind,
        content_type=content_type,
        object_id=str(obj.pk),
        title=(document.title or "")[:500],
        url=(document.url or "")[:1000],
        date=document.date,
        summary=document.summary or "",
        body=body,
        identifiers=identifiers,
        state=document.state or "",
        refresh_at=document.refresh_at,
        visibility=document.visibility,
        source_hash=document.source_hash or "",
        extraction_error=(document.extraction_error or "")[:200],
        title_terms=analyse(document.title or "", vocabulary),
        ident_terms=analyse(identifiers),
        summary_terms=analyse(document.summary or "", vocabulary),
        body_terms=analyse(body, vocabulary),
        indexed_at=timezone.now(),
    )


def index_batch(source: SearchSource, objects: list) -> IndexReport:
    """Index OBJECTS (all handled by SOURCE): upsert their entries, remove the rest."""
    report = IndexReport()
    if not objects:
        return report
    content_type = content_type_for(source)
    label = source.index_model._meta.label
    objects = source.prepare_batch(list(objects))
    entries, gone, lemmas, broken = [], [], set(), set()
    for obj in objects:
        try:
            document = source.to_document(obj)
        except Exception as exc:
            # One broken object must not stop the others (or a rebuild) from indexing;
            # its entry is removed (fail closed) and administrators see why.
            logger.exception("Nie udało się przygotować %r do indeksu wyszukiwarki", obj)
            failures.record("to_document", label, obj.pk, exc, removed=True)
            broken.add(obj.pk)
            document = None
        if document is None:
            gone.append(str(obj.pk))
        else:
            entries.append(build_entry(document, source, obj, content_type, lemmas))
    removed_ids = save_entries(entries, content_type, gone, lemmas)
    failures.clear(label, [obj.pk for obj in objects if obj.pk not in broken])
    report.indexed = len(entries)
    report.removed = len(removed_ids)
    for entry in entries:
        report.kinds[entry.kind] = report.kinds.get(entry.kind, 0) + 1
    _mirror(content_type, [e.object_id for e in entries], removed_ids)
    return report


def save_entries(entries, content_type, gone: list[str], lemmas: set[str]) -> list[int]:
    """Upsert ENTRIES, delete those of GONE object ids, extend the vocabulary; in one
    transaction. Returns the ids of the deleted entries."""
    with transaction.atomic():
        if entries:
            SearchEntry.objects.bulk_create(
                entries,
                update_conflicts=True,
                unique_fields=["content_type", "object_id"],
                update_fields=_UPDATE_FIELDS,
            )
        removed_ids = []
        if gone:
            removed_ids = list(
                SearchEntry.objects.filter(
                    content_type=content_type, object_id__in=gone
                ).values_list("pk", flat=True)
            )
            SearchEntry.objects.filter(pk__in=removed_ids).delete()
        update_vocabulary(lemmas)
    return removed_ids


def index_objects(objects: Iterable[models.Model]) -> IndexReport:
    """Index any objects, each through the source of its model (unknown models ignored)."""
    report = IndexReport()
    by_source: dict[int, tuple[SearchSource, list]] = {}
    for obj in objects:
        source = registry.for_model(type(obj))
        if source is None:
            continue
        by_source.setdefault(id(source), (source, []))[1].append(obj)
    for source, items in by_source.values():
        for batch in batched(items, source.batch_size):
            report.add(index_batch(source, batch))
    return report


def index_queryset(source: SearchSource, queryset) -> IndexReport:
    report = IndexReport()
    for batch in batched(queryset.iterator(chunk_size=source.batch_size), source.batch_size):
        report.add(index_batch(source, batch))
    return report


def remove_object(model: type[models.Model], pk) -> int:
    """Remove the entry of MODEL's object PK (the object may no longer exist)."""
    return remove_objects(model, [pk])


def remove_objects(model: type[models.Model], pks) -> int:
    """Remove the entries of MODEL's objects PKS; the number removed."""
    source = registry.for_model(model)
    if source is None:
        return 0
    content_type = content_type_for(source)
    removed = 0
    for chunk in batched((str(pk) for pk in pks), 1000):
        entries = SearchEntry.objects.filter(content_type=content_type, object_id__in=chunk)
        ids = list(entries.values_list("pk", flat=True))
        if ids:
            SearchEntry.objects.filter(pk__in=ids).delete()
            _mirror(content_type, [], ids)
            removed += len(ids)
    return removed


def update_vocabulary(lemmas: set[str]) -> int:
    """Add LEMMAS not yet known, with their inflected forms that carry Polish letters."""
    terms = {}
    for lemma in lemmas:
        term = to_term(lemma)
        if 2 <= len(term) <= 64 and not term.isdigit():
            terms.setdefault(term, lemma)
    if not terms:
        return 0
    known = set()
    for chunk in batched(terms, 500):
        known.update(IndexedLemma.objects.filter(term__in=chunk).values_list("term", flat=True))
    new = {term: lemma for term, lemma in terms.items() if term not in known}
    if not new:
        return 0
    forms = []
    for lemma in new.values():
        for form in _diacritic_forms(lemma):
            forms.append(LemmaForm(form=form, lemma=lemma[:64]))
    IndexedLemma.objects.bulk_create(
        [IndexedLemma(term=t, lemma=lemma[:64]) for t, lemma in new.items()],
        ignore_conflicts=True,
        batch_size=1000,
    )
    LemmaForm.objects.bulk_create(forms, ignore_conflicts=True, batch_size=1000)
    return len(new)


def _diacritic_forms(lemma: str) -> set[str]:
    """Folded forms of LEMMA that were written with Polish letters ('pozarządowe' → ...)."""
    forms = set()
    for entry in morfeusz.generate(lemma):
        form = entry[0]
        if has_polish_letters(form):
            term = to_term(form)
            if term and len(term) <= 64:
                forms.add(term)
    if has_polish_letters(lemma):
        forms.add(to_term(lemma))
    return forms


def _mirror(content_type, object_ids: list[str], removed_ids: list[int]) -> None:
    """Copy changed entries to Elasticsearch, when it is the configured backend."""

    backend = get_backend()
    if not backend.mirrors:
        return
    try:
        if object_ids:
            entries = list(
                SearchEntry.objects.filter(content_type=content_type, object_id__in=object_ids)
            )
            backend.index_entries(entries)
        if removed_ids:
            backend.remove_entries(removed_ids)
    except Exception:
        logger.exception("Nie udało się zaktualizować indeksu %s", backend.name)


def iter_sources(kinds: Iterable[str] | None = None) -> list[SearchSource]:
    sources = list(registry)
    if kinds:
        wanted = set(kinds)
        sources = [s for s in sources if s.kind in wanted]
    return sources


def update_all(kinds: Iterable[str] | None = None, log=None) -> IndexReport:
    """Re-index everything (or KINDS), then drop entries nothing produced any more."""
    started = timezone.now()
    report = IndexReport()
    sources = iter_sources(kinds)
    for source in sources:
        part = index_queryset(source, source.get_queryset())
        if log:
            log(f"{source.kind} ({type(source).__name__}): {part.indexed} w indeksie")
        report.add(part)
    stale = SearchEntry.objects.filter(indexed_at__lt=started)
    if kinds:
        stale = stale.filter(kind__in=list(kinds))
    stale_ids = list(stale.values_list("pk", flat=True))
    for chunk in batched(stale_ids, 1000):
        SearchEntry.objects.filter(pk__in=chunk).delete()
    report.removed += len(stale_ids)
    compact(connection)

    backend = get_backend()
    if backend.mirrors:
        backend.sync_from_database(started)
    return report


def rebuild_all(log=None) -> IndexReport:
    """Make the vocabulary anew and index everything again, in one transaction:
    searchers see the old index until it commits, never an empty or half-made one.
    (An Elasticsearch mirror is brought in step the same way, without emptying it.)"""
    with transaction.atomic():
        LemmaForm.objects.all().delete()
        IndexedLemma.objects.all().delete()
        return update_all(log=log)
