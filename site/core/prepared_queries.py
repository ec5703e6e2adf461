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

Read ahead (`begin`, `end`, run by core.request_memo's middleware: `install`): each process
remembers, per host, path and reader (a signed-in user; anonymous visitors share one plan
a path), the prepared queries (names and values) the last GET or HEAD of that path by that
reader asked for, when it answered 200 (any other answer forgets the plan: a reader
refused, a page gone). The next such request queues them at its first prepared read,
which reads them with it in one round trip; a later run() or later() asking for one of
them (the same name and values, on the same connection, at the same depth of atomic
blocks) takes what was read, once. One whose values have changed since (another
collection) or that the request no longer asks for (a permission lost) was read in vain
and is dropped: what is read ahead is only ever used by the call that would have read it
itself, a moment later in the same request. Read before the view runs, so on GET and HEAD
only, which must not write what their prepared queries read (HTTP's safe methods); a model
saved or deleted in the request (Django's signals) drops what is left unclaimed. Only in
autocommit, outside a transaction, where a failed read can be made again: then the
request's own queries are read again without those read ahead. Bounded: MAX_PLANS plans
per process (emptied when full), MAX_PLANNED queries a plan, a plan kept only when it
reads something ahead (two queries or more). The values kept are those the queries ran
with: ids of pages, collections, users and organisations, never shown to anyone.
"""

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import DatabaseError, connections
from django.db.models.query import ModelIterable
from django.db.models.signals import m2m_changed, post_delete, post_save

from core import pg_statements, request_memo

logger = logging.getLogger(__name__)

MAX_QUERIES = 256
MAX_PLANS = 10_000  # a plan: a few names and ids, about 0.5 kB
MAX_PLANNED = 16


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
    statement: int  # its number as PostgreSQL's prepared statement (core.pg_statements)


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
        statement=pg_statements.new_number(),
    )


_CONVERTERS = "_prepared_queries_converters"


def _converters(prepared: _Prepared, connection, compiler) -> dict:
    """PREPARED's columns' converters on CONNECTION (the running thread's), looked up once
    per connection and query: Django looks them up at every run, through every column's
    field and the backend (a section's front page's four queries: about 0.05 ms)."""
    known = connection.__dict__.setdefault(_CONVERTERS, {})
    # By id, each entry holding its query: while it is kept, no other object has that id.
    found = known.get(id(prepared))
    if found is None:
        if len(known) >= 2 * MAX_QUERIES:
            known.clear()
        found = known[id(prepared)] = (prepared, compiler.get_converters(prepared.columns))
    return found[1]


def _made(prepared: _Prepared, connection, rows) -> list:
    """ROWS of PREPARED's SQL as Django's ModelIterable makes them into instances: each
    column through its converters, the model's fields to from_db(), each annotation set
    as an attribute."""
    compiler = connection.ops.compiler("SQLCompiler")(None, connection, prepared.using)
    converters = _converters(prepared, connection, compiler)
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


def _reads_together(connection) -> bool:
    """Whether CONNECTION takes several statements in one execute, each its own result."""
    return (
        connection.vendor == "postgresql"
        and not connection.features.uses_server_side_binding  # one statement per execute
    )


def _read_together(using: str, entries: list) -> list[list]:
    """The instances of each (prepared, params) of ENTRIES, on the database USING: on
    PostgreSQL with client-side binding (Django's default) in one round trip, the
    statements (core.pg_statements: EXECUTEs of prepared statements) in one execute, each
    its own result; otherwise one after the other."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if _reads_together(connection):
            results = _results_together(connection, cursor, entries)
        else:
            results = []
            for prepared, params in entries:
                cursor.execute(prepared.sql, params)
                results.append(cursor.fetchall())
    return [
        _made(prepared, connection, rows)
        for (prepared, _params), rows in zip(entries, results, strict=True)
    ]


def _results_together(connection, cursor, entries) -> list[list]:
    named = [(prepared.statement, prepared.sql, params) for prepared, params in entries]
    values = [value for _prepared, params in entries for value in params]
    try:
        cursor.execute(";\n".join(pg_statements.statements(connection, cursor, named)), values)
    except DatabaseError as error:
        if not pg_statements.lost(connection, error):
            raise
        cursor.execute(";\n".join(pg_statements.statements(connection, cursor, named)), values)
    results = [cursor.fetchall()]
    for _entry in entries[1:]:
        if not cursor.nextset():
            raise RuntimeError("prepared queries: fewer results than statements")
        results.append(cursor.fetchall())
    return results


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
# The read-ahead's state in the request's memo: the request (`begin`); where its reads are
# planned, ((host, path, reader id), depth of atomic blocks), worked out at its first
# prepared read (None: not planned); the queries read ahead and not asked for yet, by
# (name, values); the (name, values) its own calls asked for, in order, each with the depth
# it was first asked for at.
_REQUEST = "prepared-queries:request"
_WHERE = "prepared-queries:where"
_AHEAD = "prepared-queries:ahead"
_ASKED = "prepared-queries:asked"

# (host, path, reader id) -> the (name, values) its last request asked for.
_plans: dict[tuple, tuple[tuple[str, tuple], ...]] = {}


class Queued(Sequence):
    """later()'s instances, read at their first use (iterated, counted, indexed, compared,
    tested for emptiness), or before it by the next read of another query queued beside
    it or by the next prepared run(), together with them. An error of its statement is
    raised by whichever of those reads it. KEY: its (name, values); AHEAD: queued from
    the request's plan and not asked for yet (`_asked`)."""

    def __init__(self, prepared: _Prepared, params: list, key: tuple, ahead: bool = False):
        self.prepared = prepared
        self.params = params
        self.key = key
        self.ahead = ahead
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
    in one round trip; at the request's first prepared read, with its plan's queries. A
    read that fails leaves its queries to be read again, each at its own first use; one
    with queries read ahead outside a transaction is first tried again without them."""
    memo = request_memo.memo()
    if memo is not None and _AHEAD not in memo:
        _queue_plan(memo, also)
    joining, staying = [], []
    for entry in memo.pop(_QUEUE, []) if memo is not None else []:
        if entry is not also:
            (joining if also._joins(entry) else staying).append(entry)
    if staying:
        memo[_QUEUE] = staying
    entries = [entry for entry in (also, *joining) if entry.instances is None]

    def read(entries):
        return _read_together(also.prepared.using, [(e.prepared, e.params) for e in entries])

    try:
        instances = read(entries)
    except Exception:
        # In a transaction the failure has ended it (PostgreSQL): nothing can be read.
        if not pg_statements.in_autocommit(also.connection):
            raise
        if not any(entry.ahead for entry in entries):
            raise
        logger.warning("prepared queries: read with those read ahead failed", exc_info=True)
        # Those not asked for yet are left unread: one asked for later is read at its use.
        entries = [entry for entry in entries if not entry.ahead]
        instances = read(entries)
    for entry, its_instances in zip(entries, instances, strict=True):
        entry.instances = its_instances


def _reader_place(request) -> tuple | None:
    """(host, path, reader id) of a GET or HEAD REQUEST whose reader is known (its user
    read already by the authentication middleware: reading it here could start the query
    being read), None for anything else: not read ahead nor planned."""
    if request is None or request.method not in ("GET", "HEAD"):
        return None
    user = request.__dict__.get("_cached_user")
    if user is None:
        return None
    try:
        host = request.get_host()
    except Exception:  # a host not allowed: Django answers 400
        return None
    return (host, request.path, user.pk if user.is_authenticated else None)


def _queue_plan(memo: dict, also: Queued) -> None:
    """At the request's first prepared read (ALSO's), queue beside it what the request's
    plan holds (`_plans`) and it has not asked for yet, on ALSO's database, in autocommit,
    where it is read in the same round trip (elsewhere nothing is planned: it would save
    none)."""
    memo[_AHEAD] = ahead = {}
    memo[_WHERE] = None
    connection = also.connection
    if not _reads_together(connection) or also.depth != len(connection.atomic_blocks):
        return
    place = _reader_place(memo.get(_REQUEST))
    if place is None:
        return
    memo[_WHERE] = (place, also.depth)
    if not pg_statements.in_autocommit(connection):
        return  # planned, not read ahead: a failure here could not be read again
    asked = memo.get(_ASKED, {})
    for key in _plans.get(place, ()):
        name, values = key
        prepared = _prepared.get(name)
        if key in asked or not isinstance(prepared, _Prepared):
            continue
        if prepared.using != also.prepared.using:
            continue
        try:
            params = _params(prepared, values)
        except Exception:  # a value its query no longer takes (a type changed)
            logger.info("prepared query %s: not read ahead", name, exc_info=True)
            continue
        entry = Queued(prepared, params, key, ahead=True)
        ahead[key] = entry
        memo.setdefault(_QUEUE, []).append(entry)


def _asked(prepared: _Prepared, key) -> Queued | None:
    """Note that this request asks for KEY (name, values), for its plan; the query read
    ahead for it (taken once), when queued on the connection and at the depth of atomic
    blocks this call would queue it at, else None."""
    memo = request_memo.memo()
    if memo is None:
        return None
    connection = connections[prepared.using]
    depth = len(connection.atomic_blocks)
    memo.setdefault(_ASKED, {}).setdefault(key, depth)
    ahead = memo.get(_AHEAD)
    entry = ahead.get(key) if ahead else None
    if entry is None or entry.connection is not connection or entry.depth != depth:
        return None
    del ahead[key]
    entry.ahead = False
    return entry


def _forget_ahead(**kwargs) -> None:
    """A model saved or deleted (or its relations changed) in the request: what was read
    ahead and not claimed yet may be older than what the request would now read."""
    memo = request_memo.memo()
    if memo is not None and memo.get(_AHEAD):
        memo[_AHEAD] = {}  # emptied, not removed: nothing is read ahead again
        if memo.get(_QUEUE):  # nor read in vain, if not read yet
            memo[_QUEUE] = [entry for entry in memo[_QUEUE] if not entry.ahead]


def install() -> None:
    request_memo.on_each_request(begin, end)
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_forget_ahead, dispatch_uid="prepared_queries_forget_ahead")


def begin(request) -> None:
    """REQUEST starts (core.request_memo's middleware, its memo open): read ahead from its
    plan at its first prepared read."""
    memo = request_memo.memo()
    if memo is not None:
        memo[_REQUEST] = request


def end(response) -> None:
    """The request ends with RESPONSE: if it was planned (`_queue_plan`), remember what it
    asked for at the depth of its first read, for the next request of its path by its
    reader, when it answered 200 and read two queries or more (else forget the plan)."""
    memo = request_memo.memo()
    if memo is None or memo.get(_WHERE) is None:
        return
    place, depth = memo[_WHERE]
    asked = memo.get(_ASKED, {})
    plan = tuple(key for key, at in asked.items() if at == depth)[:MAX_PLANNED]
    if getattr(response, "status_code", None) != 200 or len(plan) < 2:
        _plans.pop(place, None)
        return
    if _plans.get(place) != plan:
        if len(_plans) >= MAX_PLANS:
            _plans.clear()
        _plans[place] = plan


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
    ahead = _asked(prepared, (name, values))
    if ahead is not None:
        return ahead
    queued = Queued(prepared, _params(prepared, values), key=(name, values))
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
    queued = _asked(prepared, (name, values))
    if queued is None:
        queued = Queued(prepared, _params(prepared, values), key=(name, values))
    return queued._read()
