"""One row's cells as model values, each checked against the model field it fills.

A blank cell changes nothing (a new record gets the field's default); the clear marker
`[usuń]` empties a field that may be empty. The limits come from the model's own fields
(`max_length`, EmailField's 254, the 500 characters of the folded search name), so a
value that passes here fits the database.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from core.spreadsheets import refuse_formula_start, unescape_cell_text
from snippets import identifiers
from snippets.models import NGO, District, LegalForm, PublicBenefitArea
from snippets.models.ngo import fold
from snippets.ngo_import.report import RowError

CLEAR_MARKER = "[usuń]"
_CLEAR_MARKERS = {fold(CLEAR_MARKER), "[usun]"}
YES = {"tak", "t", "1", "true", "prawda", "yes", "y"}
NO = {"nie", "n", "0", "false", "fałsz", "falsz", "no"}
POSTAL_CODE = re.compile(r"^\d{2}-\d{3}$")
AREAS = "obszary"  # the many-to-many column, handled on its own
# Model fields each column fills.
COLUMN_FIELDS = {
    "nazwa": "name",
    "nazwa_skrocona": "short_name",
    "forma_prawna": "legal_form",
    "krs": "krs",
    "nip": "nip",
    "regon": "regon",
    "opp": "is_public_benefit",
    "dzielnica": "district",
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
FIELD_COLUMNS = {field: column for column, field in COLUMN_FIELDS.items()}
FIELD_COLUMNS["areas"] = AREAS
# The folded name and short name must fit this column (NGO.save() writes it).
SEARCH_NAME_LIMIT = NGO._meta.get_field("search_name").max_length


def clearable(column: str) -> bool:
    """Whether the clear marker may empty COLUMN: the model allows its field empty."""
    if column == AREAS:
        return True
    field = NGO._meta.get_field(COLUMN_FIELDS[column])
    return field.blank and not field.has_default()  # booleans and the town have defaults


def empty_value(column: str):
    """What the clear marker writes: NULL where the field takes it, else ""."""
    if column == AREAS:
        return []
    field = NGO._meta.get_field(COLUMN_FIELDS[column])
    return None if field.null else ""


@dataclass
class ParsedRow:
    line: int
    values: dict  # model field -> value, only for cells that say something ("areas": a list)
    krs: str | None  # the numbers to match on, as the file gives them
    nip: str | None
    cleared: frozenset = frozenset()  # fields the file empties with the clear marker


class CellError(Exception):
    pass


def _yes_no(raw: str) -> bool:
    value = raw.lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise CellError(f"wpisz „tak” albo „nie” (wpisano „{raw}”).")


def _date(raw: str) -> date:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise CellError(f"data w postaci RRRR-MM-DD albo DD.MM.RRRR (wpisano „{raw}”).")


class RowChecker:
    """Turns the cells of one row into model values, or says what is wrong with them."""

    def __init__(self, header: list[str]):
        self.columns = [name for name in header if name in COLUMN_FIELDS or name == AREAS]
        self.areas = {area.number.lower(): area.pk for area in PublicBenefitArea.objects.all()}
        self.districts: dict[str, int] = {}
        for district in District.objects.all():
            self.districts[fold(district.name)] = district.pk
            self.districts[district.slug] = district.pk
        self.legal_forms = {}
        for value, label in LegalForm.choices:
            self.legal_forms[value] = value
            self.legal_forms[fold(label)] = value
        self.legal_forms[fold("inna")] = LegalForm.OTHER
        self.email = EmailValidator()
        self.url = URLValidator(schemes=["http", "https"])

    def check(self, line: int, cells: dict[str, str]) -> tuple[ParsedRow | None, list[RowError]]:
        values, errors, cleared = {}, [], set()
        for column in self.columns:
            raw = (cells.get(column) or "").strip()
            if not raw:
                continue  # a blank cell changes nothing
            field = "areas" if column == AREAS else COLUMN_FIELDS[column]
            try:
                if fold(raw) in _CLEAR_MARKERS:
                    if not clearable(column):
                        raise CellError(
                            f"tego pola nie można wyczyścić znacznikiem {CLEAR_MARKER}; "
                            "zostaw komórkę pustą, aby nie zmieniać wartości."
                        )
                    values[field] = empty_value(column)
                    cleared.add(field)
                elif column == AREAS:
                    values[field] = self._areas(raw)
                else:
                    values[field] = self._value(column, field, raw)
            except CellError as problem:
                errors.append(RowError(line, column, str(problem)))
        krs = values.get("krs") if "krs" not in cleared else None
        nip = values.get("nip") if "nip" not in cleared else None
        if not errors and not (krs or nip):
            errors.append(
                RowError(line, "krs", "podaj KRS albo NIP – po nich import rozpoznaje organizację.")
            )
        if errors:
            return None, errors
        return ParsedRow(line, values, krs, nip, frozenset(cleared)), []

    def _value(self, column: str, field: str, raw: str):
        if column in ("krs", "nip", "regon"):
            normalise = identifiers.normalise_nip if column == "nip" else identifiers.normalise
            number = normalise(raw)
            problem = getattr(identifiers, f"{column}_error")(number)
            if problem:
                raise CellError(problem)
            return number
        if column == "forma_prawna":
            value = self.legal_forms.get(fold(raw))
            if value is None:
                allowed = ", ".join(label for _, label in LegalForm.choices)
                raise CellError(f"nieznana forma prawna „{raw}”; dozwolone: {allowed}.")
            return value
        if column in ("opp", "dzialajaca"):
            return _yes_no(raw)
        if column == "data_weryfikacji":
            return _date(raw)
        if column == "dzielnica":
            district = self.districts.get(fold(raw)) or self.districts.get(raw)
            if district is None:
                raise CellError(
                    f"nie ma dzielnicy „{raw}” – dodaj ją w panelu (Dzielnice) albo popraw nazwę."
                )
            return district
        # Text: a file exported here has an apostrophe before a formula character; undo it.
        value = unescape_cell_text(raw)
        limit = NGO._meta.get_field(field).max_length
        if limit and len(value) > limit:
            raise CellError(f"najwyżej {limit} znaków (jest {len(value)}).")
        if column == "kod_pocztowy" and not POSTAL_CODE.match(value):
            raise CellError(f"kod pocztowy w postaci 00-000 (wpisano „{value}”).")
        if column == "email":
            try:
                self.email(value)
            except ValidationError as error:
                raise CellError(f"nieprawidłowy adres e-mail „{value}”.") from error
        if column == "strona_www":
            try:
                self.url(value)
            except ValidationError as error:
                raise CellError(
                    f"adres strony z http:// lub https:// (wpisano „{value}”)."
                ) from error
        if field in NGO.FREE_TEXT_FIELDS:
            try:
                refuse_formula_start(value)
            except ValidationError as error:
                raise CellError(error.messages[0]) from error
        return value

    def _areas(self, raw: str) -> list[int]:
        numbers = [part.strip().lower() for part in re.split(r"[;,]", raw) if part.strip()]
        unknown = [number for number in numbers if number not in self.areas]
        if unknown:
            raise CellError(
                "nieznane punkty art. 4 ust. 1: "
                + ", ".join(unknown)
                + " (wpisz numery punktów, np. 1;16;32a)."
            )
        return sorted({self.areas[number] for number in numbers})
