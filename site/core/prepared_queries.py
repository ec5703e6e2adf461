"""Queries Django compiles once per process and runs again with each request's values.

Compiling a query (its tables, joins, columns and annotations) costs Django about as much
as PostgreSQL takes to answer it: 0.7 ms to compile a page read as its own type, 0.5 ms
to run it, on the 2-core machines (bench/pages.py). A query every restricted page runs
(its routing, core.site_structure) is compiled once here and run with the request's
values in the places of the ones it was compiled with.

`run(name, build, *values)`: BUILD(*values) must be a plain query of model instances
(no select_related, prefetch_related, values(), only() or defer()). The first call with a
NAME compiles BUILD(*markers), a marker standing in for each value, and records where each
marker lands among the compiled query's parameters; every call runs that SQL through
Django's cursor with the values put where their markers were. A string may also land as
the pattern of `startswith` (Wagtail's tree: `child_of`, `descendant_of`): its value is
made into the same pattern (escaped, then "%"). A query where a marker does not land in
exactly one parameter and nowhere in the SQL, unchanged or as that pattern (a value used
twice, written into the SQL as a slice's bound is, or transformed otherwise: another
pattern, a date), is not prepared: BUILD(*values) runs each time, as Django's own. NAME
must say everything BUILD's shape depends on besides VALUES (a model, how many values),
and BUILD must read no other value that changes between calls (the time, a setting):
what it was compiled with is kept; a NAME is always called with values of the same
types (the first call's decide how it is compiled). Each value must reach the query as it
is: BUILD must not derive anything from a value (a slice of it, its length) nor branch
on it; what it needs derived is passed as a value of its own. The query is compiled
twice, with two sets of markers, and kept only if the two differ where the markers are
alone, which catches many such mistakes (plus one, upper-cased, a slice's bound), not all.

The rows become instances as Django's own iteration makes them (ModelIterable's steps,
with what it works out from the compiler kept): every column through the same
converters, the model's fields to `from_db()`, each annotation set as an attribute
(tests/core/test_prepared_queries.py compares them with Django's). One entry per NAME for
the life of the process (a deploy restarts it, and with it any change of the schema); at
most MAX_QUERIES of them.

`later(name, build, *values)`: the same instances, read at their first use or by the next
`run()`, with every query queued in the request (core.request_memo) and not read yet: on
PostgreSQL their statements go in one execute (one round trip, each statement its own
result), elsewhere one after the other. A round trip costs more than a small query takes
to run (on the 2-core machines, a section's documents: 0.06 ms in PostgreSQL, 0.5-0.7 ms
in the request), so a page that needs several lists queues all but the last. Django's
query counters see one query for the statements read together.
"""

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models.query import ModelIterable

from core import request_memo

logger = logging.getLogger(__name__)

MAX_QUERIES = 256


@dataclass(frozen=True)
class _Prepared:
    model: type
    using: str
    sql: str
    params: tuple  # as compiled: the markers' places hold anything
    # What Django's ModelIterable works out from the compiler for each run: the columns
    # selected (their converters are looked up on the running thread's connection), where
    # the model's fields are among them and by which names, where each annotation is.
    columns: tuple
    fields: slice
    field_names: tuple[str, ...]
    annotations: tuple[tuple[str, int], ...]
    places: tuple[int, ...]  # where each value goes, in the order of the values
    # The type each place was compiled with: Django wraps an IntegerField's lookup value
    # for psycopg (Int4 on PostgreSQL, so that the server knows the parameter's type).
    kinds: tuple[type, ...]
    prefixes: tuple[bool, ...]  # whether the value goes as a `startswith` pattern


_NOT_PREPARABLE = object()
_prepared: dict[str, object] = {}


# Values run through prepared SQL: integers within a 32-bit column's range (markers are,
# so a query of one is compiled as of any), strings. Anything else runs through Django.
# Not below 0: Django drops a condition past a positive column's range rather than send
# it, which the prepared SQL would not.
_INT_RANGE = range(0, 2**31)


def _preparable_value(value) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, str) or (isinstance(value, int) and value in _INT_RANGE)


def _marker(value, second=False):
    """A value of VALUE's type no query is asked for, to be found among the parameters:
    an integer within a 32-bit column's range, positive (Django refuses to compile a
    lookup past its field's range: a small integer's query is not prepared); a string in
    both cases, with a space, a dash, an underscore and spaces around it, so that a field
    that changes what it is given (strips, folds case, drops separators) or a lookup that
    escapes it (SQLite's iexact escapes "_" for LIKE) changes the marker, and its query is
    not prepared."""
    if not _preparable_value(value):
        return None
    # The second set (`_prepare`) differs in range, parity and length too, so that more of
    # what BUILD could derive from a value differs between the two compilations.
    if isinstance(value, int):
        low = 1_500_000_001 if second else 1_000_000_000
        return low + 2 * secrets.randbelow(250_000_000)
    return f" Prepared_Marker-{secrets.token_hex(24 if second else 16)} "


def _token(marker) -> str:
    """What a marker is found by in any form: the integer's digits, the string's hex."""
    return str(marker) if isinstance(marker, int) else marker.split("-")[-1].strip()


def _plain(queryset) -> bool:
    return (
        queryset._iterable_class is ModelIterable
        and not queryset.query.select_related
        and not queryset._prefetch_related_lookups
        and not queryset._known_related_objects  # a related manager's query
        and not queryset.query.select_for_update
        and not queryset.query.combinator  # union(), intersection(), difference()
        and not queryset.query.deferred_loading[0]
        and queryset.query.deferred_loading[1]  # defer() nothing, only() nothing
    )


def _compiled(build, markers):
    """(queryset, compiler, sql, params) of BUILD(*MARKERS); None if it is not a plain
    query or does not compile with them (EmptyResultSet: a marker past a column's range)."""
    try:
        queryset = build(*markers)
        if not _plain(queryset):
            return None
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
    except Exception:
        logger.info("prepared query: not compiled with markers", exc_info=True)
        return None
    return queryset, compiler, sql, tuple(params)


def _located(markers, sql, params, like):
    """(places, prefixes) of MARKERS among PARAMS; None if one is not found exactly once,
    unchanged or as startswith's pattern, and nowhere else (the SQL, another parameter)."""
    places, prefixes = [], []
    for marker in markers:
        token = _token(marker)
        holding = [index for index, param in enumerate(params) if token in str(param)]
        if len(holding) != 1 or token in sql:
            return None
        [place] = holding
        param = params[place]
        prefix = isinstance(marker, str) and param == like(marker) + "%"
        if not (param == marker or prefix) or not isinstance(param, type(marker)):
            return None
        places.append(place)
        prefixes.append(prefix)
    return tuple(places), tuple(prefixes)


def _prepare(build, values):
    """BUILD compiled with markers for VALUES, then again with other markers: the two
    compilations must differ only where the markers were found, so that a copy of a value
    the search cannot see (a value plus one, upper-cased) is not kept as a constant (a
    check, not a proof: BUILD must not derive anything from its values)."""
    markers = [_marker(value) for value in values]
    first = None if None in markers else _compiled(build, markers)
    if first is None:
        return _NOT_PREPARABLE
    queryset, compiler, sql, params = first
    like = connections[queryset.db].ops.prep_for_like_query
    found = _located(markers, sql, params, like)
    if found is None:
        return _NOT_PREPARABLE
    others = [_marker(value, second=True) for value in values]
    second = _compiled(build, others)
    if second is None:
        return _NOT_PREPARABLE
    _queryset, _compiler, other_sql, other_params = second
    places, prefixes = found
    if (
        other_sql != sql
        or len(other_params) != len(params)
        or _located(others, other_sql, other_params, like) != found
        or any(other_params[i] != params[i] for i in range(len(params)) if i not in places)
    ):
        return _NOT_PREPARABLE
    columns = tuple(column for column, _sql, _alias in compiler.select[: compiler.col_count])
    if compiler.has_composite_fields(columns):
        return _NOT_PREPARABLE
    select_fields = compiler.klass_info["select_fields"]
    fields = slice(select_fields[0], select_fields[-1] + 1)
    return _Prepared(
        model=queryset.model,
        using=queryset.db,
        sql=sql,
        params=params,
        columns=columns,
        fields=fields,
        field_names=tuple(column.target.attname for column in columns[fields]),
        annotations=tuple(compiler.annotation_col_map.items()),
        places=places,
        kinds=tuple(type(params[place]) for place in places),
        prefixes=prefixes,
    )


def _made(prepared: _Prepared, connection, rows) -> list:
    """ROWS of PREPARED's SQL as Django's ModelIterable makes them into instances: each
    column through its converters, the model's fields to from_db(), each annotation set
    as an attribute."""
    compiler = connection.ops.compiler("SQLCompiler")(None, connection, prepared.using)
    converters = compiler.get_converters(prepared.columns)
    if converters:
        rows = compiler.apply_converters(rows, converters)
    instances = []
    for row in rows:
        instance = prepared.model.from_db(
            prepared.using, prepared.field_names, row[prepared.fields]
        )
        for name, position in prepared.annotations:
            setattr(instance, name, row[position])
        instances.append(instance)
    return instances


def _read_together(using: str, entries: list) -> list[list]:
    """The instances of each (prepared, params) of ENTRIES, on the database USING: on
    PostgreSQL with client-side binding (Django's default) in one round trip, the
    statements in one execute, each its own result; otherwise one after the other."""
    connection = connections[using]
    together = (
        connection.vendor == "postgresql"
        and not connection.features.uses_server_side_binding  # one statement per execute
        and len(entries) > 1
    )
    with connection.cursor() as cursor:
        if not together:
            results = []
            for prepared, params in entries:
                cursor.execute(prepared.sql, params)
                results.append(cursor.fetchall())
        else:
            sql = ";\n".join(prepared.sql for prepared, _params in entries)
            cursor.execute(sql, [value for _prepared, params in entries for value in params])
            results = [cursor.fetchall()]
            for _entry in entries[1:]:
                if not cursor.nextset():
                    raise RuntimeError("prepared queries: fewer results than statements")
                results.append(cursor.fetchall())
    return [
        _made(prepared, connection, rows)
        for (prepared, _params), rows in zip(entries, results, strict=True)
    ]


def _prepared_for(name: str, build, values):
    """NAME's prepared query (compiled now on its first call), or None when BUILD(*VALUES)
    is run by Django: a value prepared SQL cannot take, a query that cannot be prepared."""
    if not all(map(_preparable_value, values)):
        return None  # None, a date, a number past 32 bits: as Django does
    prepared = _prepared.get(name)
    if prepared is None:
        prepared = _prepare(build, values)
        if prepared is _NOT_PREPARABLE:
            logger.info("prepared query %s: not preparable, run by Django each time", name)
        if len(_prepared) >= MAX_QUERIES:
            _prepared.clear()
        _prepared[name] = prepared
    return None if prepared is _NOT_PREPARABLE else prepared


def _params(prepared: _Prepared, values) -> list:
    """PREPARED's parameters with VALUES where their markers were."""
    params = list(prepared.params)
    fills = zip(prepared.places, prepared.kinds, prepared.prefixes, values, strict=True)
    for place, kind, prefix, value in fills:
        if prefix:  # as Django's StartsWith: the value escaped for LIKE, then "%"
            value = connections[prepared.using].ops.prep_for_like_query(value) + "%"
        params[place] = value if type(value) is kind else kind(value)
    return params


_QUEUE = "prepared-queries:queued"


class Queued(Sequence):
    """later()'s instances, read at their first use (iterated, counted, indexed, compared,
    tested for emptiness), or before it by the next read of another query queued beside
    it or by the next prepared run(), together with them. An error of its statement is
    raised by whichever of those reads it."""

    def __init__(self, prepared: _Prepared, params: list):
        self.prepared = prepared
        self.params = params
        self.instances: list | None = None
        # Read with others only on the same connection (a context copied into another
        # thread shares the memo, not the connection) in the same transaction: as deep
        # in atomic blocks as when it was queued.
        connection = connections[prepared.using]
        self.connection = connection
        self.depth = len(connection.atomic_blocks)

    def _read(self) -> list:
        if self.instances is None:
            _read_queued(also=self)
        return self.instances

    def _joins(self, other: "Queued") -> bool:
        return other.connection is self.connection and other.depth == self.depth

    def __getitem__(self, index):
        return self._read()[index]

    def __len__(self):
        return len(self._read())

    def __iter__(self):
        return iter(self._read())

    def __bool__(self):
        return bool(self._read())

    def __eq__(self, other):
        if isinstance(other, Queued):
            other = other._read()
        return self._read() == other if isinstance(other, list) else NotImplemented

    __hash__ = None

    def __repr__(self):
        state = "not read" if self.instances is None else repr(self.instances)
        return f"<Queued {self.prepared.model.__name__}: {state}>"


def _read_queued(also: Queued) -> None:
    """Read ALSO with every query queued in this request, not read yet, on ALSO's
    connection at ALSO's depth of atomic blocks (the others stay queued): on PostgreSQL
    in one round trip. A read that fails leaves its queries to be read again, each at its
    own first use."""
    memo = request_memo.memo()
    pending = memo.pop(_QUEUE, []) if memo is not None else []
    joining = [entry for entry in pending if entry is not also and also._joins(entry)]
    staying = [entry for entry in pending if entry is not also and not also._joins(entry)]
    if staying:
        memo[_QUEUE] = staying
    entries = [entry for entry in (also, *joining) if entry.instances is None]
    pairs = [(entry.prepared, entry.params) for entry in entries]
    read = _read_together(also.prepared.using, pairs)
    for entry, instances in zip(entries, read, strict=True):
        entry.instances = instances


def later(name: str, build, *values):
    """run(NAME, BUILD, *VALUES)'s instances (`Queued`), read at their first use or before
    it with the next prepared run() or queued query read: on PostgreSQL in one round trip
    with every query queued in the request and not read yet. A page that needs several
    lists queues all but the last, which reads them all. Queue only what the request
    reads, and nothing that a write of the request between queueing and use should be
    seen by (it may be read before the write). Outside a request, and for what Django
    runs, read now (a list)."""
    prepared = _prepared_for(name, build, values)
    if prepared is None:
        return list(build(*values))
    queued = Queued(prepared, _params(prepared, values))
    memo = request_memo.memo()
    if memo is None:
        return queued._read()
    memo.setdefault(_QUEUE, []).append(queued)
    return queued


def run(name: str, build, *values) -> list:
    """The model instances BUILD(*VALUES) reads, from SQL compiled once per NAME (with the
    queries later() queued in the request, in the same round trip; not when Django runs
    it: then they stay queued)."""
    prepared = _prepared_for(name, build, values)
    if prepared is None:
        return list(build(*values))
    return Queued(prepared, _params(prepared, values))._read()
