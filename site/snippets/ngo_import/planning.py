"""What an import would do: each row matched to its record, compared field by field.

A row whose KRS (else NIP) is in the registry updates that record with the cells that
differ; any other row creates one. Rows that contradict the registry or each other are
errors. A record someone else is working on (snippets.ngo_import.conflicts) or whose KRS
or NIP would change is held back unless the importer chose it, by the row's line.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import F

from snippets.models import NGO, District, LegalForm, PublicBenefitArea
from snippets.models.ngo import fold
from snippets.ngo_import.cells import FIELD_COLUMNS, SEARCH_NAME_LIMIT, ParsedRow
from snippets.ngo_import.conflicts import CONFLICT, NUMBERS, conflicts_of, scheduled_ids
from snippets.ngo_import.report import Action, ImportReport, RecordPlan, RowError

ALL = "all"
CHUNK = 5000  # numbers per query (SQLite's limit of parameters)
EMPTY_TEXT = "(puste)"


@dataclass(frozen=True)
class Decisions:
    """The importer's word on held records: lines of the file (from the dry run's
    report), or ALL. Lines, because the write runs on the very file that was checked."""

    overwrite: frozenset | str = frozenset()  # records in conflict to change anyway
    change_numbers: frozenset | str = frozenset()  # KRS/NIP changes confirmed

    def allows(self, kind: str, line: int) -> bool:
        chosen = self.overwrite if kind == CONFLICT else self.change_numbers
        return chosen == ALL or line in chosen


@dataclass
class Update:
    ngo: NGO
    row: ParsedRow
    fields: list[str]  # the model fields that change ("areas" included)


def current_value(ngo: NGO, field: str):
    if field == "areas":
        return sorted(ngo.area_ids)
    if field == "district":
        return ngo.district_id
    return getattr(ngo, field)


class Describer:
    """Values as the file writes them, for the report's old → new."""

    def __init__(self):
        self.districts = dict(District.objects.values_list("pk", "name"))
        self.areas = dict(PublicBenefitArea.objects.values_list("pk", "number"))
        self.forms = dict(LegalForm.choices)

    def __call__(self, field: str, value) -> str:
        if value is None or value == "" or value == []:
            return EMPTY_TEXT
        if isinstance(value, bool):
            return "tak" if value else "nie"
        if field == "areas":
            return ";".join(self.areas[pk] for pk in value)
        if field == "district":
            return self.districts.get(value, str(value))
        if field == "legal_form":
            return self.forms.get(value, value)
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return str(value)


def _load_matches(rows: list[ParsedRow]) -> tuple[dict, dict]:
    """The records the rows' numbers point at, by KRS and by NIP: one query per chunk of
    numbers for the records and one for their areas (no queryset per record). Each
    record carries `changed_at` (its newest revision's time), `area_ids` (its areas'
    keys, in the areas' own order, as `ngo.areas.all()` gives them) and, when locked,
    `locked_by_name`."""
    krs_numbers = sorted({row.krs for row in rows if row.krs})
    nip_numbers = sorted({row.nip for row in rows if row.nip})
    records = NGO.objects.annotate(
        changed_at=F("latest_revision__created_at"),
        locked_by_name=F(f"locked_by__{get_user_model().USERNAME_FIELD}"),
    ).order_by()
    by_krs, by_nip = {}, {}
    for numbers, lookup in ((krs_numbers, "krs__in"), (nip_numbers, "nip__in")):
        for start in range(0, len(numbers), CHUNK):
            found = [
                # The same record found by both numbers is one object: changes stay on it.
                by_krs.get(ngo.krs) or by_nip.get(ngo.nip) or ngo
                for ngo in records.filter(**{lookup: numbers[start : start + CHUNK]})
            ]
            _load_area_ids([ngo for ngo in found if not hasattr(ngo, "area_ids")])
            for ngo in found:
                if ngo.krs:
                    by_krs[ngo.krs] = ngo
                if ngo.nip:
                    by_nip[ngo.nip] = ngo
    return by_krs, by_nip


def _load_area_ids(records: list[NGO]) -> None:
    if not records:
        return
    rank = {pk: i for i, pk in enumerate(PublicBenefitArea.objects.values_list("pk", flat=True))}
    by_record = {ngo.pk: [] for ngo in records}
    through = NGO.areas.through.objects.filter(ngo_id__in=list(by_record))
    for ngo_id, area_id in through.values_list("ngo_id", "publicbenefitarea_id"):
        by_record[ngo_id].append(area_id)
    for ngo in records:
        ngo.area_ids = sorted(by_record[ngo.pk], key=rank.__getitem__)


def _match(rows: list[ParsedRow], report: ImportReport) -> list[tuple[ParsedRow, NGO | None]]:
    """Each row with its record (KRS first, else NIP), or an error for the row."""
    by_krs, by_nip = _load_matches(rows)
    first_line_of: dict[tuple[str, str], int] = {}
    line_of_record: dict[int, int] = {}
    matched = []
    for row in rows:
        duplicate = False
        for kind, number in (("krs", row.krs), ("nip", row.nip)):
            if not number:
                continue
            earlier = first_line_of.setdefault((kind, number), row.line)
            if earlier != row.line:
                duplicate = True
                report.errors.append(
                    RowError(
                        row.line,
                        kind,
                        f"ten sam {kind.upper()} {number} jest już w wierszu {earlier}.",
                    )
                )
        krs_match = by_krs.get(row.krs) if row.krs else None
        nip_match = by_nip.get(row.nip) if row.nip else None
        if krs_match and nip_match and krs_match.pk != nip_match.pk:
            report.errors.append(
                RowError(
                    row.line,
                    "nip",
                    f"KRS wskazuje organizację „{krs_match.name}”, a NIP – "
                    f"„{nip_match.name}”; popraw jeden z numerów.",
                )
            )
            continue
        ngo = krs_match or nip_match
        if ngo is not None and not duplicate:
            earlier = line_of_record.setdefault(ngo.pk, row.line)
            if earlier != row.line:
                duplicate = True
                report.errors.append(
                    RowError(row.line, "", f"ta sama organizacja jest już w wierszu {earlier}.")
                )
        if not duplicate:
            matched.append((row, ngo))
    return matched


def _number_changes(ngo: NGO, row: ParsedRow) -> list[str]:
    """A matched record's KRS or NIP replaced or removed (adding a missing one is not)."""
    reasons = []
    for field, label in (("krs", "KRS"), ("nip", "NIP")):
        if field not in row.values:
            continue
        old, new = getattr(ngo, field), row.values[field]
        if old and new != old:
            target = f"na {new}" if new else "usunięty"
            reasons.append(f"{label} zmieniłby się z {old} (w rejestrze) {target} (w pliku)")
    return reasons


def plan(
    rows: list[ParsedRow],
    report: ImportReport,
    *,
    exported_at: datetime | None,
    decisions: Decisions,
) -> tuple[list[ParsedRow], list[Update]]:
    """The rows to create and the updates to make; fills REPORT's counts, plan and errors."""
    describe = Describer()
    matched = _match(rows, report)
    scheduled = scheduled_ids([ngo.pk for _row, ngo in matched if ngo is not None])
    creates, updates = [], []
    for row, ngo in matched:
        name = row.values.get("name", ngo.name if ngo else "")
        short_name = row.values.get("short_name", ngo.short_name if ngo else "")
        if not name:
            report.errors.append(RowError(row.line, "nazwa", "podaj nazwę organizacji."))
            continue
        if len(fold(f"{name} {short_name}")) > SEARCH_NAME_LIMIT:
            report.errors.append(
                RowError(
                    row.line,
                    "nazwa",
                    f"nazwa z nazwą skróconą, zapisane bez polskich liter, mogą mieć najwyżej "
                    f"{SEARCH_NAME_LIMIT} znaków.",
                )
            )
            continue
        if ngo is None:
            creates.append(row)
            report.created += 1
            changes = [
                [FIELD_COLUMNS[f], EMPTY_TEXT, describe(f, v)] for f, v in row.values.items()
            ]
            report.listed(RecordPlan(row.line, Action.CREATE, name, changes=changes))
            continue
        fields = [f for f, value in row.values.items() if current_value(ngo, f) != value]
        if not fields:
            report.unchanged += 1
            continue
        if not (row.values.get("krs", ngo.krs) or row.values.get("nip", ngo.nip)):
            report.errors.append(
                RowError(row.line, "krs", "organizacja musi zachować KRS albo NIP.")
            )
            continue
        holds = [[CONFLICT, reason] for reason in conflicts_of(ngo, exported_at, scheduled)]
        holds += [[NUMBERS, reason] for reason in _number_changes(ngo, row)]
        held = any(not decisions.allows(kind, row.line) for kind, _reason in holds)
        changes = [
            [FIELD_COLUMNS[f], describe(f, current_value(ngo, f)), describe(f, row.values[f])]
            for f in fields
        ]
        entry = RecordPlan(
            row.line, Action.HELD if held else Action.UPDATE, ngo.name, ngo.pk, changes, holds
        )
        report.listed(entry)
        if held:
            report.held += 1
        else:
            report.updated += 1
            updates.append(Update(ngo, row, fields))
    return creates, updates
