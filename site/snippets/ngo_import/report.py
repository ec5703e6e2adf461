"""What an import found and did: errors by line and column, and the plan per record.

The report is stored as JSON on the admin's import job (`dataclasses.asdict`) and read
back with `ImportReport.from_dict`, so it holds only plain values.
"""

from dataclasses import dataclass, field

from core.text import pluralize_pl

# How many planned changes the report lists field by field; records held back (conflicts,
# number changes) are always listed all, since the importer decides on each of them.
MAX_LISTED_CHANGES = 1000


@dataclass
class RowError:
    line: int  # the line of the file, header = 1; 0 for the file as a whole
    column: str
    message: str

    def __str__(self) -> str:
        where = f"wiersz {self.line}" if self.line else "plik"
        if self.column:
            where += f", kolumna „{self.column}”"
        return f"{where}: {self.message}"


class Action:
    """What the import does (or would do) with one row's record."""

    CREATE = "create"
    UPDATE = "update"
    HELD = "held"  # a conflict or a number change the importer has not chosen


@dataclass
class RecordPlan:
    line: int
    action: str  # an Action
    name: str
    ngo_id: int | None = None
    changes: list = field(default_factory=list)  # [column, old text, new text]
    # Why the record is held back (or was written only because the importer chose so):
    # [kind, message], kind "conflict" or "numbers".
    holds: list = field(default_factory=list)

    @property
    def held(self) -> bool:
        return self.action == Action.HELD

    @property
    def hold_kinds(self) -> list[str]:
        return sorted({kind for kind, _message in self.holds})


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    held: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    records: list[RecordPlan] = field(default_factory=list)
    listed_changes: int = 0  # records listed that are not held
    not_listed: int = 0  # planned changes beyond MAX_LISTED_CHANGES

    @classmethod
    def from_dict(cls, data: dict) -> "ImportReport":
        data = dict(data)
        data["errors"] = [RowError(**error) for error in data.get("errors", [])]
        data["records"] = [RecordPlan(**record) for record in data.get("records", [])]
        return cls(**data)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def held_records(self) -> list[RecordPlan]:
        return [record for record in self.records if record.held]

    @property
    def changed_records(self) -> list[RecordPlan]:
        return [record for record in self.records if not record.held]

    def listed(self, plan: RecordPlan) -> None:
        """Add PLAN to the list, within the limit for records that are not held."""
        if plan.held:
            self.records.append(plan)
        elif self.listed_changes < MAX_LISTED_CHANGES:
            self.records.append(plan)
            self.listed_changes += 1
        else:
            self.not_listed += 1

    def summary(self) -> str:
        rows = pluralize_pl(self.rows, "wiersz", "wiersze", "wierszy")
        if self.errors:
            problems = pluralize_pl(len(self.errors), "błąd", "błędy", "błędów")
            return f"Nie zaimportowano niczego: {problems} w pliku ({rows} danych)."
        verb = "Plik jest poprawny; po imporcie byłoby" if self.dry_run else "Zaimportowano"
        held = f", wstrzymanych {self.held}" if self.held else ""
        return (
            f"{verb}: nowych organizacji {self.created}, zmienionych {self.updated}, "
            f"bez zmian {self.unchanged}{held} (razem {rows})."
        )
