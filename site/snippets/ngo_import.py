"""Import of the NGO registry from CSV, with the columns of the export (snippets.ngo_table).

Every row is checked first; if any is wrong, nothing is written and the report lists
each problem (line, column, reason). Otherwise all rows are written in one transaction:
a row whose KRS (else NIP) is in the registry updates that record, any other creates
one, so importing the same file twice changes nothing the second time. Imported records
are published, each with a revision and an entry in the history, as if an editor had
published them. A column missing from the file leaves that field as it is.
"""

import csv
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from wagtail.models import ModelLogEntry, Revision

from core.page_cache import invalidate_page_cache
from core.spreadsheets import refuse_formula_start, unescape_cell_text
from core.text import pluralize_pl
from snippets import identifiers, ngo_table
from snippets.models import NGO, District, LegalForm, PublicBenefitArea
from snippets.models.ngo import fold
from snippets.ngo_import_index import no_progress, reindex_imported

logger = logging.getLogger(__name__)

MAX_ROWS = 50_000
PROGRESS_EVERY = 500  # rows checked between two progress reports
# Columns of the open-data file that describe a record but are not imported.
IGNORED_COLUMNS = {"adres_w_portalu"}
YES = {"tak", "t", "1", "true", "prawda", "yes", "y"}
NO = {"nie", "n", "0", "false", "fałsz", "falsz", "no"}
POSTAL_CODE = re.compile(r"^\d{2}-\d{3}$")
# Model fields each column fills (obszary is the many-to-many, handled on its own).
COLUMN_FIELDS = {
    "nazwa": "name",
    "nazwa_skrocona": "short_name",
    "forma_prawna": "legal_form",
    "krs": "krs",
    "nip": "nip",
    "regon": "regon",
    "opp": "is_public_benefit",
    "dzielnica": "district_id",
    "ulica": "street_address",
    "kod_pocztowy": "postal_code",
    "miejscowosc": "city",
    "email": "email",
    "telefon": "phone",
    "strona_www": "website",
    "opis": "description",
    "dzialajaca": "is_active",
    "data_weryfikacji": "verified_on",
}
MAX_LENGTHS = {
    "nazwa": 300,
    "nazwa_skrocona": 120,
    "ulica": 200,
    "miejscowosc": 100,
    "telefon": 32,
    "strona_www": 200,
}


@dataclass
class RowError:
    line: int  # the line of the file, header = 1
    column: str
    message: str

    def __str__(self) -> str:
        where = f"wiersz {self.line}" if self.line else "plik"
        if self.column:
            where += f", kolumna „{self.column}”"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            problems = pluralize_pl(len(self.errors), "błąd", "błędy", "błędów")
            rows = pluralize_pl(self.rows, "wiersz", "wiersze", "wierszy")
            return f"Nie zaimportowano niczego: {problems} w pliku ({rows} danych)."
        verb = "Plik jest poprawny; po imporcie byłoby" if self.dry_run else "Zaimportowano"
        rows = pluralize_pl(self.rows, "wiersz", "wiersze", "wierszy")
        return (
            f"{verb}: nowych organizacji {self.created}, zmienionych {self.updated}, "
            f"bez zmian {self.unchanged} (razem {rows})."
        )


@dataclass
class ParsedRow:
    line: int
    values: dict  # model field -> value, only for columns present in the file
    areas: list[PublicBenefitArea] | None  # None when the file has no areas column
    krs: str | None
    nip: str | None
    match: NGO | None = None


# Reading the file


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1250, as Polish Excel saves CSV."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1250", errors="replace")


def read_rows(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the data rows with their line numbers; comma or semicolon."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] = []
    rows = []
    for record in reader:
        if not header:
            header = [cell.strip().lower() for cell in record]
            continue
        if not any(cell.strip() for cell in record):
            continue  # an empty line, e.g. at the end of the file
        values = {
            name: (record[index] if index < len(record) else "")
            for index, name in enumerate(header)
        }
        rows.append((reader.line_num, values))
    return header, rows


# Checking the values


class CellError(Exception):
    pass


def _text(column: str, raw: str) -> str:
    # A file exported here has an apostrophe before a leading formula character: undo it.
    value = unescape_cell_text(raw.strip())
    try:
        refuse_formula_start(value)
    except ValidationError as error:
        raise CellError(error.messages[0]) from error
    limit = MAX_LENGTHS.get(column)
    if limit and len(value) > limit:
        raise CellError(f"najwyżej {limit} znaków (jest {len(value)}).")
    return value


def _yes_no(raw: str, empty: bool) -> bool:
    value = raw.strip().lower()
    if not value:
        return empty
    if value in YES:
        return True
    if value in NO:
        return False
    raise CellError(f"wpisz „tak” albo „nie” (wpisano „{raw.strip()}”).")


def _date(raw: str) -> date | None:
    value = raw.strip()
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CellError(f"data w postaci RRRR-MM-DD albo DD.MM.RRRR (wpisano „{value}”).")


class RowChecker:
    """Turns the cells of one row into model values, or says what is wrong with them."""

    def __init__(self, header: list[str]):
        self.columns = [name for name in header if name in COLUMN_FIELDS or name == "obszary"]
        self.areas = {area.number.lower(): area for area in PublicBenefitArea.objects.all()}
        self.districts: dict[str, District] = {}
        for district in District.objects.all():
            self.districts[fold(district.name)] = district
            self.districts[district.slug] = district
        self.legal_forms = {}
        for value, label in LegalForm.choices:
            self.legal_forms[value] = value
            self.legal_forms[fold(label)] = value
        self.legal_forms[fold("inna")] = LegalForm.OTHER
        self.email = EmailValidator()
        self.url = URLValidator(schemes=["http", "https"])

    def check(self, line: int, cells: dict[str, str]) -> tuple[ParsedRow | None, list[RowError]]:
        values, errors, areas = {}, [], None
        for column in self.columns:
            raw = cells.get(column) or ""
            try:
                if column == "obszary":
                    areas = self._areas(raw)
                else:
                    values[COLUMN_FIELDS[column]] = self._value(column, raw)
            except CellError as problem:
                errors.append(RowError(line, column, str(problem)))
        if "name" in values and not values["name"]:
            errors.append(RowError(line, "nazwa", "podaj nazwę organizacji."))
        krs, nip = values.get("krs"), values.get("nip")
        if not errors and not (krs or nip):
            errors.append(
                RowError(line, "krs", "podaj KRS albo NIP – po nich import rozpoznaje organizację.")
            )
        if errors:
            return None, errors
        return ParsedRow(line, values, areas, krs, nip), []

    def _value(self, column: str, raw: str):
        if column == "krs":
            number = identifiers.normalise(raw)
            if number and (problem := identifiers.krs_error(number)):
                raise CellError(problem)
            return number or None
        if column == "nip":
            number = identifiers.normalise_nip(raw)
            if number and (problem := identifiers.nip_error(number)):
                raise CellError(problem)
            return number or None
        if column == "regon":
            number = identifiers.normalise(raw)
            if number and (problem := identifiers.regon_error(number)):
                raise CellError(problem)
            return number or None
        if column == "forma_prawna":
            value = self.legal_forms.get(fold(raw.strip()))
            if value is None:
                allowed = ", ".join(label for _, label in LegalForm.choices)
                raise CellError(f"nieznana forma prawna „{raw.strip()}”; dozwolone: {allowed}.")
            return value
        if column == "opp":
            return _yes_no(raw, empty=False)
        if column == "dzialajaca":
            return _yes_no(raw, empty=True)
        if column == "data_weryfikacji":
            return _date(raw)
        if column == "dzielnica":
            name = raw.strip()
            if not name:
                return None
            district = self.districts.get(fold(name)) or self.districts.get(name)
            if district is None:
                raise CellError(
                    f"nie ma dzielnicy „{name}” – dodaj ją w panelu (Dzielnice) albo popraw nazwę."
                )
            return district.pk
        if column == "kod_pocztowy":
            value = raw.strip()
            if value and not POSTAL_CODE.match(value):
                raise CellError(f"kod pocztowy w postaci 00-000 (wpisano „{value}”).")
            return value
        if column == "miejscowosc":
            return _text(column, raw) or "Dąbrowa Górnicza"
        if column == "email":
            value = raw.strip()
            if value:
                try:
                    self.email(value)
                except ValidationError as error:
                    raise CellError(f"nieprawidłowy adres e-mail „{value}”.") from error
            return value
        if column == "strona_www":
            value = _text(column, raw)
            if value:
                try:
                    self.url(value)
                except ValidationError as error:
                    raise CellError(
                        f"adres strony z http:// lub https:// (wpisano „{value}”)."
                    ) from error
            return value
        return _text(column, raw)

    def _areas(self, raw: str) -> list[PublicBenefitArea]:
        numbers = [part.strip().lower() for part in re.split(r"[;,]", raw) if part.strip()]
        unknown = [number for number in numbers if number not in self.areas]
        if unknown:
            raise CellError(
                "nieznane punkty art. 4 ust. 1: "
                + ", ".join(unknown)
                + " (wpisz numery punktów, np. 1;16;32a)."
            )
        seen = dict.fromkeys(numbers)
        return [self.areas[number] for number in seen]


# Matching and writing


def match_rows(rows: list[ParsedRow], report: ImportReport) -> None:
    """Find each row's record (KRS first, else NIP); refuse rows that contradict
    the registry or each other."""
    krs_numbers = {row.krs for row in rows if row.krs}
    nip_numbers = {row.nip for row in rows if row.nip}
    existing = NGO.objects.filter(krs__in=krs_numbers) | NGO.objects.filter(nip__in=nip_numbers)
    by_krs, by_nip = {}, {}
    for ngo in existing.prefetch_related("areas"):
        if ngo.krs:
            by_krs[ngo.krs] = ngo
        if ngo.nip:
            by_nip[ngo.nip] = ngo
    first_line_of: dict[tuple[str, str], int] = {}
    for row in rows:
        for kind, number in (("krs", row.krs), ("nip", row.nip)):
            if not number:
                continue
            earlier = first_line_of.setdefault((kind, number), row.line)
            if earlier != row.line:
                report.errors.append(
                    RowError(
                        row.line,
                        kind,
                        f"ten sam {kind.upper()} {number} jest już w wierszu {earlier}.",
                    )
                )
        by_krs_match = by_krs.get(row.krs) if row.krs else None
        by_nip_match = by_nip.get(row.nip) if row.nip else None
        if by_krs_match and by_nip_match and by_krs_match.pk != by_nip_match.pk:
            report.errors.append(
                RowError(
                    row.line,
                    "nip",
                    f"KRS wskazuje organizację „{by_krs_match.name}”, a NIP – "
                    f"„{by_nip_match.name}”; popraw jeden z numerów.",
                )
            )
            continue
        row.match = by_krs_match or by_nip_match
        if row.match and row.krs and row.match.krs and row.match.krs != row.krs:
            # Matched on NIP, but the file gives another KRS than the registry has.
            report.errors.append(
                RowError(
                    row.line,
                    "krs",
                    f"organizacja o tym NIP ma w rejestrze KRS {row.match.krs}, "
                    f"a w pliku {row.krs}; popraw plik albo rekord w panelu.",
                )
            )


def _changed_fields(ngo: NGO, row: ParsedRow) -> list[str]:
    changed = [name for name, value in row.values.items() if getattr(ngo, name) != value]
    return changed


def _areas_changed(ngo: NGO, row: ParsedRow) -> bool:
    if row.areas is None:
        return False
    return {area.pk for area in ngo.areas.all()} != {area.pk for area in row.areas}


def import_ngos(
    data: bytes,
    *,
    user=None,
    dry_run: bool = False,
    progress=no_progress,
    on_written=None,
) -> ImportReport:
    """Check every row of DATA (a CSV file) and, if all are right, write them all.

    PROGRESS(state, done, total) hears how far it got ("checking" rows, "writing"), outside
    any transaction. ON_WRITTEN(report, pks), if given, is called inside the transaction
    that writes the rows (to record the outcome atomically with them) and then the caller
    re-indexes with `reindex_imported(pks)`; without it the import re-indexes on commit.
    """
    report = ImportReport(dry_run=dry_run)
    header, raw_rows = read_rows(decode(data))
    report.rows = len(raw_rows)
    if not header:
        report.errors.append(RowError(0, "", "plik jest pusty."))
        return report
    unknown = [name for name in header if name and name not in ngo_table.COLUMN_NAMES]
    unknown = [name for name in unknown if name not in IGNORED_COLUMNS]
    if unknown:
        report.warnings.append("Pominięto nieznane kolumny: " + ", ".join(unknown) + ".")
    if "nazwa" not in header:
        report.errors.append(RowError(1, "nazwa", "brak kolumny „nazwa” w pierwszym wierszu."))
    if "krs" not in header and "nip" not in header:
        report.errors.append(RowError(1, "krs", "potrzebna kolumna „krs” albo „nip”."))
    if report.rows > MAX_ROWS:
        report.errors.append(RowError(0, "", f"najwyżej {MAX_ROWS} wierszy w jednym pliku."))
    if report.errors:
        return report

    checker = RowChecker(header)
    rows = []
    for number, (line, cells) in enumerate(raw_rows):
        if number % PROGRESS_EVERY == 0:
            progress("checking", number, report.rows)
        parsed, errors = checker.check(line, cells)
        report.errors.extend(errors)
        if parsed is not None:
            rows.append(parsed)
    match_rows(rows, report)
    report.errors.sort(key=lambda error: error.line)
    if report.errors:
        return report

    new_rows = [row for row in rows if row.match is None]
    changes = []
    for row in rows:
        if row.match is None:
            continue
        fields = _changed_fields(row.match, row)
        areas_changed = _areas_changed(row.match, row)
        if fields or areas_changed:
            changes.append((row, fields, areas_changed))
        else:
            report.unchanged += 1
    report.created, report.updated = len(new_rows), len(changes)
    if dry_run:
        return report
    stale_drafts = sum(1 for row, _f, _a in changes if row.match.has_unpublished_changes)
    if stale_drafts:
        report.warnings.append(
            f"{stale_drafts} zmienionych organizacji miało nieopublikowane zmiany w panelu; "
            "import je zastąpił (są w historii wersji)."
        )
    progress("writing", 0, len(new_rows) + len(changes))
    with transaction.atomic():
        pks = [ngo.pk for ngo in _write(new_rows, changes, user)]
        # Bulk writes send no signals, so neither the page cache nor the search index
        # hears of them: tell both once the rows are committed.
        transaction.on_commit(invalidate_page_cache)
        if on_written is None:
            transaction.on_commit(lambda: reindex_imported(pks))
        else:
            on_written(report, pks)
    return report


def _write(new_rows: list[ParsedRow], changes: list, user) -> list[NGO]:
    now = timezone.now()
    taken = set(NGO.objects.values_list("slug", flat=True))
    created = []
    for row in new_rows:
        ngo = NGO(**row.values)
        ngo.search_name = fold(f"{ngo.name} {ngo.short_name}")
        ngo.slug = NGO.unique_slug(ngo.name, taken=taken)
        taken.add(ngo.slug)
        ngo.live = True
        ngo.has_unpublished_changes = False
        ngo.first_published_at = ngo.last_published_at = now
        created.append(ngo)
    NGO.objects.bulk_create(created, batch_size=1000)
    updated = []
    for row, fields, _areas_changed in changes:
        ngo = row.match
        for name in fields:
            setattr(ngo, name, row.values[name])
        ngo.search_name = fold(f"{ngo.name} {ngo.short_name}")
        ngo.last_published_at = now
        ngo.has_unpublished_changes = False
        # One small UPDATE per changed record: inside the transaction these are cheap,
        # where bulk_update's CASE over thousands of rows is slow to build.
        NGO.objects.filter(pk=ngo.pk).update(
            search_name=ngo.search_name,
            last_published_at=now,
            has_unpublished_changes=False,
            **{name: row.values[name] for name in fields},
        )
        updated.append(ngo)

    through = NGO.areas.through
    with_areas = [(ngo, row) for ngo, row in zip(created, new_rows, strict=True)]
    with_areas += [(row.match, row) for row, _f, changed in changes if changed]
    with_areas = [(ngo, row) for ngo, row in with_areas if row.areas is not None]
    through.objects.filter(
        ngo_id__in=[ngo.pk for ngo, _row in with_areas if ngo in updated]
    ).delete()
    through.objects.bulk_create(
        [
            through(ngo_id=ngo.pk, publicbenefitarea_id=area.pk)
            for ngo, row in with_areas
            for area in row.areas
        ],
        batch_size=2000,
    )
    for ngo, row in with_areas:
        ngo.areas.set(row.areas)  # the in-memory cluster, for the revisions below
    _record_history(created, updated, user, now)
    return created + updated


def _record_history(created: list[NGO], updated: list[NGO], user, now) -> None:
    """A published revision and a history entry per record, as the editor's publish
    would leave, written in bulk."""
    content_type = ContentType.objects.get_for_model(NGO)
    records = [*created, *updated]
    if not records:
        return
    Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(ngo.pk),
                created_at=now,
                user=user,
                object_str=str(ngo)[:255],
                content=ngo.serializable_data(),
            )
            for ngo in records
        ],
        batch_size=1000,
    )
    # Read the new revisions' keys back in one query (not every database returns them
    # from a bulk insert) and point the records at them in one UPDATE.
    revision_of = dict(
        Revision.objects.filter(content_type=content_type, created_at=now).values_list(
            "object_id", "pk"
        )
    )
    newest = Revision.objects.filter(
        content_type=content_type, object_id=Cast(OuterRef("pk"), CharField())
    ).order_by("-pk")
    NGO.objects.filter(pk__in=[ngo.pk for ngo in records]).update(
        latest_revision=Subquery(newest.values("pk")[:1]),
        live_revision=Subquery(newest.values("pk")[:1]),
    )
    created_ids = {ngo.pk for ngo in created}
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                label=str(ngo)[:255],
                action="wagtail.create" if ngo.pk in created_ids else "wagtail.edit",
                timestamp=now,
                user=user,
                object_id=str(ngo.pk),
                revision_id=revision_of[str(ngo.pk)],
                data={"source": "import CSV"},
                content_changed=True,
            )
            for ngo in records
        ],
        batch_size=1000,
    )
