"""The API's contract kept in the repository: a snapshot of /api/schema/ and the check that
a release changes nothing in it by accident.

`manage.py api_schema_snapshot` writes the current document to SNAPSHOT_PATH; the snapshot
is committed with a line in docs/api.md's changelog. `breaking_changes(old, new)` lists
what NEW removes or changes of OLD (an operation, a parameter, a property, a status, an
enum value, a type): the test fails on those. Additions (a new endpoint, field, page type
in an enum) and reworded descriptions break no client: `additions(old, new)` lists them
and the test only reminds (a warning) to bring the snapshot up to date at the next
release, so a new page type does not fail every other branch's suite.
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


# Words for people, not for a client's code: changing them breaks nothing.
PROSE = frozenset({"description", "summary", "example", "examples"})
# Mappings whose keys are names chosen by the API (a field called `description` or
# `summary`, as many records and page types have), not keywords: never prose.
NAMED = frozenset({"properties", "patternProperties", "$defs", "definitions"})


def _prose(key, where: str) -> bool:
    return key in PROSE and where.rsplit("/", 1)[-1] not in NAMED


def breaking_changes(old, new, where: str = "") -> list[str]:
    """What NEW drops or alters of OLD, as JSON-pointer-like paths with a reason."""
    if isinstance(old, dict) and isinstance(new, dict):
        problems = []
        for key, value in old.items():
            if _prose(key, where):
                continue
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


def additions(old, new) -> list[str]:
    """What NEW has that OLD lacks (paths, fields, parameters, enum values…), and prose
    changed: not breaking, a reminder to update the snapshot."""
    added = [
        problem.removesuffix("removed") + "added" if problem.endswith("removed") else problem
        for problem in breaking_changes(new, old)
    ]
    reworded = [p for p in _prose_changes(old, new) if p not in added]
    return added + reworded


def _prose_changes(old, new, where: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        found = []
        for key in old.keys() & new.keys():
            if _prose(key, where) and old[key] != new[key]:
                found.append(f"{where}/{key}: reworded")
            else:
                found += _prose_changes(old[key], new[key], f"{where}/{key}")
        return found
    if isinstance(old, list) and isinstance(new, list):
        old_keyed, new_keyed = _keyed(old), _keyed(new)
        if old_keyed is not None and new_keyed is not None:
            return [
                change
                for key in old_keyed.keys() & new_keyed.keys()
                for change in _prose_changes(
                    old_keyed[key], new_keyed[key], f"{where}/{key[0]}:{key[1]}"
                )
            ]
    return []
