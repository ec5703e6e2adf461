"""Numbers of volunteering per area of public benefit and per osiedle, for the
department's yearly report: offers published, answers sent, answers accepted and hours
worked. Counts only, never a person; each counted by its own date (an offer by its first
publication, an answer by its sending, hours by the day worked), so a year's figures do
not change when an offer runs across New Year.

The project has no rule of suppressing small counts (open data elsewhere shows exact
numbers), and these numbers name nobody: a count of answers or hours per area or osiedle
cannot be tied to a person without the NGO zone's records, which stay private.

The anonymous page cache keeps the page until a number changes: answers are submissions
and hours no snippet, so core.page_cache_signals makes no page stale for them; the page
depends on `CACHE_TAG` (core.cache_tags), bumped by `numbers_changed` when an answer or
hours are saved or deleted (apps.py) and when an answer is decided (decisions.py, a
conditional UPDATE that sends no signal). Offers are snippets: their publishing makes the
page stale already.

Flat: three grouped queries per table, whatever the number of areas or osiedla. The
list's page (models/index.py) calls this module, so it names the models through the app
registry instead of importing the models package (which imports that page).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Min, Q, Sum
from django.utils import timezone

from core.cache_tags import bump
from snippets.models import District, PublicBenefitArea

# What the statistics page depends on in the page cache, besides its page and "content".
CACHE_TAG = "volunteering:statistics"

NO_DISTRICT = "zdalnie lub bez osiedla"


@dataclass
class Row:
    label: str
    offers: int = 0
    answers: int = 0
    accepted: int = 0
    hours: Decimal = field(default_factory=Decimal)


@dataclass
class Table:
    rows: list[Row]
    total: Row


def _models():
    return (
        apps.get_model("volunteering", "VolunteerOffer"),
        apps.get_model("volunteering", "VolunteerAnswer"),
        apps.get_model("volunteering", "VolunteerHours"),
    )


def numbers_changed(*args, **kwargs) -> None:
    """An answer or hours changed (a signal receiver too): the cached page is stale."""
    bump(CACHE_TAG)


def years() -> list[int]:
    """From this year back to the year the first offer was published."""
    VolunteerOffer = _models()[0]
    first = VolunteerOffer.objects.published().aggregate(first=Min("first_published_at"))["first"]
    this_year = timezone.localdate().year
    start = timezone.localtime(first).year if first else this_year
    return list(range(this_year, start - 1, -1))


def _grouped(key: str, year: int | None) -> dict:
    """{group key: [offers, answers, accepted, hours]} over published offers."""
    VolunteerOffer, VolunteerAnswer, VolunteerHours = _models()
    offers = VolunteerOffer.objects.published()
    answers = VolunteerAnswer.objects.filter(offer__live=True)
    hours = VolunteerHours.objects.filter(answer__offer__live=True)
    if year:
        offers = offers.filter(first_published_at__year=year)
        answers = answers.filter(submitted_at__year=year)
        hours = hours.filter(worked_on__year=year)
    figures: dict = {}

    def slot(value):
        return figures.setdefault(value, [0, 0, 0, Decimal(0)])

    for row in offers.values(key).annotate(n=Count("pk")).order_by():
        slot(row[key])[0] = row["n"]
    accepted = Count("pk", filter=Q(status=VolunteerAnswer.Status.ACCEPTED))
    for row in answers.values(f"offer__{key}").annotate(n=Count("pk"), a=accepted).order_by():
        values = slot(row[f"offer__{key}"])
        values[1], values[2] = row["n"], row["a"]
    for row in hours.values(f"answer__offer__{key}").annotate(h=Sum("hours")).order_by():
        slot(row[f"answer__offer__{key}"])[3] = row["h"] or Decimal(0)
    return figures


def _table(figures: dict, labels: list[tuple[object, str]]) -> Table:
    rows = [Row(label, *figures[pk]) for pk, label in labels if pk in figures]
    total = Row("Razem")
    for row in rows:
        total.offers += row.offers
        total.answers += row.answers
        total.accepted += row.accepted
        total.hours += row.hours
    return Table(rows, total)


def by_area(year: int | None = None) -> Table:
    figures = _grouped("area", year)
    areas = PublicBenefitArea.objects.filter(pk__in=figures)
    return _table(figures, [(area.pk, f"{area.number}) {area.label}") for area in areas])


def by_district(year: int | None = None) -> Table:
    figures = _grouped("district", year)
    districts = District.objects.filter(pk__in=[pk for pk in figures if pk]).order_by("name")
    labels = [(district.pk, district.name) for district in districts]
    return _table(figures, [*labels, (None, NO_DISTRICT)])
