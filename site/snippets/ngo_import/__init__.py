"""Import of the NGO registry from CSV, with the columns of the export (snippets.ngo_table).

One job per module: `decoding` (bytes to rows, strict about encodings), `cells` (one
row's cells to model values, within the model's limits), `conflicts` (records someone
else is working on), `planning` (rows matched to records, field by field), `publishing`
(the bulk write that does what Wagtail's publish does), `report` (what the importer
reads), `importer` (all of it, in order). docs/registry.md describes the semantics.
"""

from snippets.ngo_import.cells import CLEAR_MARKER
from snippets.ngo_import.decoding import DEFAULT_ENCODING, ENCODINGS
from snippets.ngo_import.importer import MAX_FILE_BYTES, MAX_ROWS, import_ngos
from snippets.ngo_import.planning import ALL, Decisions
from snippets.ngo_import.report import ImportReport, RecordPlan, RowError

__all__ = [
    "ALL",
    "CLEAR_MARKER",
    "DEFAULT_ENCODING",
    "ENCODINGS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "Decisions",
    "ImportReport",
    "RecordPlan",
    "RowError",
    "import_ngos",
]
