"""Moving the grant calls' old „inicjatywa lokalna” mode (snippets.GrantCall with the
procedure `inicjatywa-lokalna`) to this app.

Each such call becomes a year's rules page (a draft: editors add the criteria, areas and
the hour's rate from the resolution, then publish), with the call's title, funds and its
term as the application window; the call is unpublished and its old address answers with
a permanent redirect (Wagtail's redirects) to /inicjatywa-lokalna/. Idempotent: a call
already moved (linked by `legacy_call`) is skipped.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.contrib.redirects.models import Redirect

from anyascii import anyascii

from pages.initiatives.choices import DeadlineMode
from pages.initiatives.models import ApplicationWindow, InitiativeIndexPage, InitiativeRulesPage
from snippets.models import GrantCall
from snippets.models.grant_call import Procedure

PLACEHOLDER_RATE = Decimal("0.01")  # the resolution's rate is for editors to type


@dataclass
class Moved:
    created: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    redirects: list[str] = field(default_factory=list)


def old_path(call, calls_index_url: str) -> str:
    return f"{calls_index_url.rstrip('/')}/{call.slug}/"


def calls_index_path() -> str:
    """Where the calls' pages live now (their old addresses hang under it); /konkursy/
    when the site has no calls' page (named through the app registry: no page import)."""
    page = apps.get_model("registry", "GrantCallIndexPage").objects.live().first()
    return (page.url if page is not None else None) or "/konkursy/"


def move_calls(calls_index_url: str | None = None) -> Moved:
    """Move every local-initiative call not moved yet; needs a live InitiativeIndexPage."""
    calls_index_url = calls_index_url or calls_index_path()
    index = InitiativeIndexPage.objects.live().first()
    if index is None:
        raise LookupError("Najpierw utwórz i opublikuj stronę „Inicjatywa lokalna”.")
    moved = Moved()
    calls = GrantCall.objects.filter(
        procedure=Procedure.LOCAL_INITIATIVE, initiative_rules__isnull=True
    ).order_by("announced_at", "pk")
    for call in calls:
        with transaction.atomic():
            _move(call, index, calls_index_url, moved)
    return moved


def _move(call, index, calls_index_url, moved) -> None:
    year = timezone.localtime(call.offers_due_at).year
    rules = InitiativeRulesPage.objects.filter(year=year).first()
    if rules is not None and rules.legacy_call_id is None:
        rules.legacy_call = call
        rules.save(update_fields=["legacy_call"])
        moved.linked.append(call.title)
    elif rules is None:
        rules = InitiativeRulesPage(
            title=call.title,
            slug=slugify(anyascii(f"zasady-{year}"))[:80],
            year=year,
            resolution="(uzupełnij: uchwała rady miasta w sprawie inicjatywy lokalnej)",
            budget=call.total_funds or Decimal("0"),
            work_hour_rate=PLACEHOLDER_RATE,
            deadline_mode=DeadlineMode.ROLLING,
            legacy_call=call,
            live=False,
        )
        rules.windows = [
            ApplicationWindow(opens_at=call.announced_at, closes_at=call.offers_due_at)
        ]
        index.add_child(instance=rules)
        rules.save_revision()
        moved.created.append(call.title)
    if call.live:
        call.unpublish(log_action=False)
    path = old_path(call, calls_index_url)
    if not Redirect.objects.filter(old_path=Redirect.normalise_path(path)).exists():
        Redirect.add_redirect(path, redirect_to=index, is_permanent=True)
        moved.redirects.append(path)
