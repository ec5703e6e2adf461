"""The API's contract kept in the repository: a snapshot of /api/schema/ and the check that
a release changes nothing in it by accident.

`manage.py api_schema_snapshot` writes the current document to SNAPSHOT_PATH; the snapshot
is committed with a line in docs/api.md's changelog. `breaking_changes(old, new)` lists
what NEW removes or changes of OLD (an operation, a parameter, a property, a status, an
enum value, a type); additions are not breaking, but the snapshot must still be brought
up to date for them (tests/api/test_schema_snapshot.py), so every change is deliberate.
"""

import json
from pathlib import Path

SNAPSHOT_PATH = Path(__file__).resolve().parent / "openapi.json"


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def read_snapshot() -> dict:
    return json.loads(SNAPSHOT_PATH.read_text(encoding="utf-8"))


def _keyed(items: list) -> dict | None:
    """Parameters as {(in, name): parameter}; None for a list of anything else."""
    if items and all(isinstance(item, dict) and "name" in item for item in items):
        return {(item.get("in"), item["name"]): item for item in items}
    return None


def breaking_changes(old, new, where: str = "") -> list[str]:
    """What NEW drops or alters of OLD, as JSON-pointer-like paths with a reason."""
    if isinstance(old, dict) and isinstance(new, dict):
        problems = []
        for key, value in old.items():
            if key not in new:
                problems.append(f"{where}/{key}: removed")
            else:
                problems += breaking_changes(value, new[key], f"{where}/{key}")
        return problems
    if isinstance(old, list) and isinstance(new, list):
        old_keyed, new_keyed = _keyed(old), _keyed(new)
        if old_keyed is not None and new_keyed is not None:
            return breaking_changes(
                {f"{k[0]}:{k[1]}": v for k, v in old_keyed.items()},
                {f"{k[0]}:{k[1]}": v for k, v in new_keyed.items()},
                where,
            )
        return [f"{where}: {item!r} removed" for item in old if item not in new]
    if old != new:
        return [f"{where}: {old!r} changed to {new!r}"]
    return []
