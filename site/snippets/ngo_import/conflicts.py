"""Which registry records an import must not change without the importer's word.

A record is held back when someone changed it after the file's data were taken (an
editor's edit or publish, an accepted partner proposal: each leaves a revision), when it
has an unpublished draft, when it is locked, or when a publication is scheduled. The
import lists these and changes them only where the importer chose so, record by record.
"""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.models import Revision

from snippets.models import NGO

CONFLICT = "conflict"
NUMBERS = "numbers"  # a matched record's KRS or NIP would change


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M:%S")


def scheduled_ids(pks: list[int]) -> dict[int, datetime]:
    """The records among PKS with a publication scheduled, and when it goes live."""
    content_type = ContentType.objects.get_for_model(NGO)
    scheduled = {}
    for start in range(0, len(pks), 5000):
        keys = [str(pk) for pk in pks[start : start + 5000]]
        for object_id, go_live in Revision.objects.filter(
            content_type=content_type, object_id__in=keys, approved_go_live_at__isnull=False
        ).values_list("object_id", "approved_go_live_at"):
            scheduled[int(object_id)] = go_live
    return scheduled


def conflicts_of(ngo: NGO, exported_at: datetime | None, scheduled: dict) -> list[str]:
    """Why changing NGO now could undo or bypass someone's work (Polish), or nothing.

    NGO carries `changed_at` (its newest revision's time) and `locked_by_name` (who
    locked it), annotated by the planner.
    """
    reasons = []
    changed_at = max(filter(None, (ngo.changed_at, ngo.last_published_at)), default=None)
    if exported_at and changed_at and changed_at > exported_at:
        reasons.append(
            f"zmieniona w rejestrze {_when(changed_at)}, po utworzeniu pliku "
            f"({_when(exported_at)}); import cofnąłby tę zmianę"
        )
    if ngo.live and ngo.has_unpublished_changes:
        reasons.append(
            "ma nieopublikowaną wersję roboczą; import opublikowałby swoją wersję zamiast niej"
        )
    if ngo.locked:
        who = ngo.locked_by_name or "redakcję"
        reasons.append(f"zablokowana do edycji przez {who}")
    go_live = scheduled.get(ngo.pk)
    if go_live is None and ngo.go_live_at and ngo.go_live_at > timezone.now():
        go_live = ngo.go_live_at
    if go_live:
        reasons.append(f"ma zaplanowaną publikację na {_when(go_live)}; import ją odwołałby")
    return reasons
