"""CSV files for the NGO import's tests."""

import csv
import io

from snippets import ngo_table

HEADER = ngo_table.COLUMN_NAMES


def row(**cells) -> dict:
    base = dict.fromkeys(HEADER, "")
    base.update(
        {
            "nazwa": "Stowarzyszenie Importowane",
            "forma_prawna": "stowarzyszenie",
            "opp": "nie",
            "dzialajaca": "tak",
            "miejscowosc": "Dąbrowa Górnicza",
        }
    )
    base.update(cells)
    return base


def to_csv(rows, header=HEADER, delimiter=",", encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def cells_only(**cells) -> bytes:
    """A file with just these columns (and one row)."""
    return to_csv([cells], header=list(cells))
