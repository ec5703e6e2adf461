"""What of an application is public, said once: the register's rows for the list, the
open data (CSV, JSON), the feed and the API read them from here.

Public: the task, the group's name or the NGO (never a person), area, osiedle, place,
status, the city's part asked and granted, the own contribution and its share, and the
mean score — only once decided and only when the year's rules publish scores. Never a
member's own score, comment or conflict declaration.
"""

import csv
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from core.spreadsheets import CSV_BOM, CSV_CONTENT_TYPE, csv_text
from pages.initiatives.choices import DECIDED, Status

COLUMNS = [
    ("numer", "numer wniosku"),
    ("rok", "rok"),
    ("tytul", "nazwa zadania"),
    ("wnioskodawca", "grupa mieszkańców albo organizacja"),
    ("zakres", "zakres (art. 19b ust. 1)"),
    ("osiedle", "osiedle"),
    ("miejsce", "miejsce realizacji"),
    ("status", "status"),
    ("wklad_miasta_wnioskowany", "wnioskowany wkład miasta (zł)"),
    ("wklad_miasta_przyznany", "wkład miasta przyznany w decyzji (zł)"),
    ("wklad_wlasny", "wkład własny razem (zł)"),
    ("wklad_praca", "wkład pracą społeczną (zł)"),
    ("wklad_rzeczowy", "wkład rzeczowy (zł)"),
    ("wklad_finansowy", "wkład finansowy (zł)"),
    ("udzial_wkladu_proc", "udział wkładu własnego (%)"),
    ("ocena", "średnia ocena (jeśli publikowana)"),
    ("adres_w_portalu", "strona wniosku w portalu"),
]
COLUMN_NAMES = [name for name, _label in COLUMNS]


def mean_score(initiative) -> Decimal | None:
    """The application's score: for each criterion, the mean of the members' points,
    times the criterion's weight, summed (the resolution's rule: the mean of the team)."""
    # Grouped by the criterion, not by its weight: two criteria of the same weight are
    # two means, not one.
    # Sums and counts, divided here in Decimal: the same result on SQLite (whose AVG is a
    # float) and PostgreSQL.
    rows = initiative.scores.values("criterion", "criterion__weight").annotate(
        points=Sum("points"), count=Count("pk")
    )
    if not rows:
        return None
    total = sum(Decimal(row["points"]) * row["criterion__weight"] / row["count"] for row in rows)
    return total.quantize(Decimal("0.01"), ROUND_HALF_UP)


def public_score(initiative) -> Decimal | None:
    """The mean score the public may see: after the decision, if the rules say so."""
    if initiative.status not in DECIDED or not initiative.rules.publish_scores:
        return None
    return mean_score(initiative)


def public_report(initiative):
    """The final report, once staff accepted it (never a report under review)."""
    report = getattr(initiative, "report", None)
    return report if report is not None and report.accepted_at is not None else None


def public_photos(initiative) -> list:
    report = public_report(initiative)
    if report is None:
        return []
    # Only the Wagtail images made on acceptance (pages.initiatives.report_photos).
    return list(report.photos.filter(public_image__isnull=False).select_related("public_image"))


def _money(value) -> str:
    return "" if value is None else f"{value:.2f}"


def row(initiative, url: str) -> dict:
    score = public_score(initiative)
    return {
        "numer": initiative.receipt_number,
        "rok": initiative.rules.year,
        "tytul": initiative.title,
        "wnioskodawca": initiative.applicant_public_name,
        "zakres": str(initiative.area),
        "osiedle": initiative.district.display_name if initiative.district_id else "",
        "miejsce": initiative.place,
        "status": Status(initiative.status).label,
        "wklad_miasta_wnioskowany": _money(initiative.city_amount),
        "wklad_miasta_przyznany": _money(initiative.granted_amount),
        "wklad_wlasny": _money(initiative.own_contribution),
        "wklad_praca": _money(initiative.work_value),
        "wklad_rzeczowy": _money(initiative.in_kind_value),
        "wklad_finansowy": _money(initiative.cash_contribution),
        "udzial_wkladu_proc": _money(initiative.contribution_percent),
        "ocena": _money(score),
        "adres_w_portalu": url,
    }


def csv_response(initiatives, detail_url) -> HttpResponse:
    response = HttpResponse(CSV_BOM, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="inicjatywy-lokalne.csv"'
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(COLUMN_NAMES)
    for initiative in initiatives:
        values = row(initiative, detail_url(initiative))
        writer.writerow([csv_text(values[name]) for name in COLUMN_NAMES])
    return response


def json_response(initiatives, detail_url, *, source_url: str) -> JsonResponse:
    records = []
    for initiative in initiatives:
        record = row(initiative, detail_url(initiative))
        record["status"] = Status(initiative.status).api_value
        record["status_etykieta"] = Status(initiative.status).label
        records.append(record)
    payload = {
        "zrodlo": source_url,
        "wygenerowano": timezone.localtime().isoformat(timespec="seconds"),
        "kolumny": dict(COLUMNS),
        "liczba": len(records),
        "wnioski": records,
    }
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})
