"""The anonymous query statistics: the one write a search makes (docs/search.md)."""

import logging
import re
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from search.models import SearchQueryStat
from search.query import normalise_query

logger = logging.getLogger(__name__)
STATS = SearchQueryStat._meta.db_table


_EMAIL = re.compile(r"\S+@\S+")
_LONG_NUMBER = re.compile(r"(?<!\d)\d{11}(?!\d)")


def _is_pesel(number: str) -> bool:
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    total = sum(int(d) * w for d, w in zip(number[:10], weights, strict=True))
    return (10 - total % 10) % 10 == int(number[10])


def anonymise_query(text: str) -> str:
    """The query as logged: lower-case, and no e-mail addresses or PESEL numbers."""
    text = _EMAIL.sub("[e-mail]", text.lower())
    return _LONG_NUMBER.sub(lambda m: "[pesel]" if _is_pesel(m.group()) else m.group(), text)


def log_query(text: str, count: int, day: datetime | None = None) -> None:
    """Count one search of TEXT on DAY (today): one upsert, never failing the search.

    The one write a search makes (docs/search.md says why it is acceptable): a single
    statement on one small row, no read first, not made for further pages or filters,
    and bounded by the search's rate limit."""
    query = anonymise_query(normalise_query(text))[:200]
    if not query:
        return
    zero = 1 if count == 0 else 0
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {STATS} (day, query, searches, zero_results, last_count) "  # noqa: S608
                "VALUES (%s, %s, 1, %s, %s) ON CONFLICT (day, query) DO UPDATE SET "
                f"searches = {STATS}.searches + 1, "
                f"zero_results = {STATS}.zero_results + excluded.zero_results, "
                "last_count = excluded.last_count",
                [day or timezone.localdate(), query, zero, count],
            )
    except Exception:
        logger.exception("Nie udało się zapisać statystyki wyszukiwania")


def log_search(response) -> None:
    """Count RESPONSE's query, if it is a new search (its first page, unfiltered)."""
    if response.query and response.page == 1 and not response.kind and not response.state:
        log_query(response.query, sum(f.count for f in response.kinds))
