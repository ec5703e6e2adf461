"""The published results as open data: CSV and JSON per edition, and each pool in the
Pabulib format (pabulib.org, `.pb`: META, PROJECTS and VOTES sections; semicolons).

Only published results, and only what the protocol shows, plus, in the `.pb` file, the
anonymous ballots the format is made of: each ballot's chosen projects (and points),
numbered in a shuffled order, with no name, hash, receipt, time or channel.
"""

import csv

from django.http import HttpResponse, JsonResponse

from core.spreadsheets import CSV_BOM, CSV_CONTENT_TYPE, csv_text
from voting.models import Method

CSV_COLUMNS = [
    "pula",
    "miejsce",
    "projekt_id",
    "tytul",
    "koszt",
    "glosujacych",
    "punkty",
    "wybrany",
    "uwagi",
]


def result_rows(voting):
    results = voting.pool_results.without_snapshot().select_related("pool")
    for result in results.prefetch_related("rows__project"):
        for row in result.rows.all():
            yield result, row


def _record(result, row) -> dict:
    return {
        "pula": result.pool.slug,
        "miejsce": row.rank,
        "projekt_id": row.project_id,
        "tytul": row.project.title,
        "koszt": str(row.cost),
        "glosujacych": row.votes,
        "punkty": row.score,
        "wybrany": row.selected,
        "uwagi": row.note,
    }


def csv_response(voting) -> HttpResponse:
    response = HttpResponse(CSV_BOM, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="wyniki-glosowania.csv"'
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for result, row in result_rows(voting):
        record = _record(result, row)
        record["wybrany"] = "tak" if row.selected else "nie"
        writer.writerow([csv_text(record[name]) for name in CSV_COLUMNS])
    return response


def json_response(voting) -> JsonResponse:
    pools = {}
    for result, row in result_rows(voting):
        pool = pools.setdefault(
            result.pool.slug,
            {
                "pula": result.pool.slug,
                "nazwa": result.pool.name,
                "kwota": str(result.amount),
                "wydano": str(result.spent),
                "sposob_glosowania": result.method,
                "karty_z_glosem_w_puli": result.ballots,
                "losowania": [
                    {"punkty": d["score"], "kolejnosc": d["order"]} for d in result.draws
                ],
                "projekty": [],
            },
        )
        pool["projekty"].append(_record(result, row))
    summary = voting.summary
    data = {
        "edycja": voting.edition.title,
        "opublikowano": voting.results_published_at.isoformat(),
        "ziarno_losowania": voting.draw_seed,
        "karty": summary.get("ballots", 0),
        "karty_wazne": summary.get("valid", 0),
        "karty_niewazne": summary.get("invalid", 0),
        "powody_niewaznosci": summary.get("invalid_reasons", {}),
        "pule": list(pools.values()),
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})


VOTE_TYPES = {Method.POINTS: "cumulative", Method.APPROVAL: "approval", Method.BASKET: "approval"}


def _pb_text(value) -> str:
    return str(value).replace(";", ",").replace("\n", " ").replace("\r", " ")


def pabulib(voting, result) -> str:
    """RESULT's pool as a Pabulib `.pb` file."""
    edition, pool = voting.edition, result.pool
    # Written by the count (voting.counting.counted_ballots): the ballots it counted, as
    # they stood then, so the file stays the same after retention clears the voters.
    votes = result.counted_ballots
    cumulative = result.method == Method.POINTS
    meta = [
        ("description", f"{edition.title} – {pool.name}"),
        ("country", "Poland"),
        ("unit", "Dąbrowa Górnicza"),
        ("instance", edition.year),
        ("district", pool.name),
        ("num_projects", result.rows.count()),
        ("num_votes", len(votes)),
        ("budget", result.amount),
        ("vote_type", VOTE_TYPES.get(result.method, "approval")),
        ("rule", "greedy"),
        ("date_begin", edition.voting_from.date().isoformat()),
        ("date_end", edition.results_from.date().isoformat()),
    ]
    if result.method == Method.BASKET:
        meta.append(("max_sum_cost", result.amount))
    lines = ["META", "key;value", *(f"{k};{_pb_text(v)}" for k, v in meta)]
    lines += ["PROJECTS", "project_id;cost;votes;score;name;selected"]
    for row in result.rows.select_related("project").order_by("project_id"):
        lines.append(
            f"{row.project_id};{row.cost:.0f};{row.votes};{row.score};"
            f"{_pb_text(row.project.title)};{int(row.selected)}"
        )
    lines += ["VOTES", "voter_id;vote;points" if cumulative else "voter_id;vote"]
    for number, (projects, points) in enumerate(votes, start=1):
        vote = ",".join(str(project) for project in projects)
        if cumulative:
            lines.append(f"{number};{vote};{','.join(str(p) for p in points)}")
        else:
            lines.append(f"{number};{vote}")
    return "\n".join(lines) + "\n"
