"""core.prepared_queries' queries as PostgreSQL's own prepared statements: parsed and
analysed once per database session instead of at every run (and planned once where
PostgreSQL's generic plan serves).

core.prepared_queries compiles a query once per process; PostgreSQL still parsed, analysed
and planned its SQL at every run. On the 2-core machines a section's front page's four
statements took 0.58 ms in one round trip as SQL, 0.32 ms as EXECUTEs of statements
prepared beforehand (SELECT 1: 0.12 ms). Django binds values on the client (psycopg's
ClientCursor, Django's default): a query is sent as text with its values written in. So
the SQL's own PREPARE and EXECUTE are used: `PREPARE name (types) AS <the query, its
placeholders numbered>` once per connection (an execute of its own, the first time the
connection runs the query), then `EXECUTE name(values)` among the statements read
together. Each parameter is typed as wide as its value's literal in the SQL or wider (an
integer as the column type Django wraps it in, a plain one as bigint, a boolean; a string
or NULL left for PostgreSQL to infer, as it does for a quoted literal); a query with a
value of another kind, or one whose types PostgreSQL cannot resolve, stays SQL. The rows
are the query's own: the same columns in the same order.

Names: `pq_<this process's random token>_<n>`, the token made again in a process forked
from this one (a server that loads the code before its workers fork) and the name made
at each use, so that a session
another process used (a pooler's) holds no statement of ours under another query; a
name PostgreSQL already has is refused like any error of analysis. Kept per connection
(psycopg's: a new connection starts afresh), as PREPARE is not undone by a rollback: a
statement prepared stays for the session. A PREPARE that PostgreSQL refuses (an error of
analysis, class 42) leaves that query as SQL for the life of the process; any other error
is raised, as the query's own would be. In a transaction it runs in a savepoint, so that a
refusal does not end it. If the session has lost its statements (a pooler's DISCARD ALL,
a DEALLOCATE) or a migration has changed a table's columns under one ("cached plan must
not change result type"), an EXECUTE fails: the session's statements are all deallocated
before the next read (`lost`), and outside a transaction the read is made again at once;
in one, the error is raised, as the transaction has ended. Not behind a pooler in
transaction mode (pgbouncer's `pool_mode = transaction` hands a session another server's
connection at each transaction): there, DATABASE_PREPARED_STATEMENTS=false.
"""

import itertools
import logging
import os
import re
import secrets
import weakref
from contextlib import nullcontext

from django.conf import settings
from django.db import DatabaseError, transaction

from psycopg.types.numeric import Int2, Int4, Int8

logger = logging.getLogger(__name__)

_TOKEN = secrets.token_hex(4)
_numbers = itertools.count(1)


def _new_token() -> None:
    global _TOKEN
    _TOKEN = secrets.token_hex(4)


os.register_at_fork(after_in_child=_new_token)
# psycopg connection -> the names of the statements prepared on its session.
_prepared_on: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# psycopg connections whose session's statements must all be deallocated before a read.
_to_deallocate: weakref.WeakSet = weakref.WeakSet()
_refused: set[str] = set()  # names PostgreSQL would not prepare
_PLACEHOLDER = re.compile(r"%%|%s")
_NO_SUCH_STATEMENT = "26000"  # invalid_sql_statement_name: the session lost it
# A statement whose tables' columns changed: "cached plan must not change result type".
_STALE_STATE = "0A000"  # feature_not_supported
_STALE_FUNCTION = "RevalidateCachedQuery"  # plancache.c
_STALE = "cached plan must not change result type"
# The type of a parameter, by its value's type, as its literal is typed in the SQL:
# None for PostgreSQL to infer (a quoted string, NULL).
_TYPES = {
    Int2: "smallint",
    Int4: "integer",
    Int8: "bigint",
    bool: "boolean",
    int: "bigint",
    str: "unknown",
    type(None): "unknown",
}


def new_number() -> int:
    """A number no other query of this process has: its statement's name is `name_of` it."""
    return next(_numbers)


def name_of(number: int) -> str:
    """The statement name of query NUMBER in this process (made when it is used, so that a
    query compiled before a fork is named apart in each child)."""
    return f"pq_{_TOKEN}_{number}"


def enabled() -> bool:
    return getattr(settings, "DATABASE_PREPARED_STATEMENTS", True)


def _numbered(sql: str) -> str:
    """SQL compiled for psycopg (placeholders %s, a literal percent sign doubled) as
    PREPARE takes it: $1, $2… in order, the percent signs single."""
    numbers = itertools.count(1)
    return _PLACEHOLDER.sub(lambda m: "%" if m[0] == "%%" else f"${next(numbers)}", sql)


def _sqlstate(error: Exception) -> str | None:
    return getattr(error.__cause__ or error, "sqlstate", None)


def _known(connection) -> set[str]:
    raw = connection.connection
    known = _prepared_on.get(raw)
    if known is None:
        known = _prepared_on[raw] = set()
    return known


def in_autocommit(connection) -> bool:
    """Whether CONNECTION runs each statement in a transaction of its own (no atomic block,
    autocommit on): where a failed statement ends nothing and may be tried again."""
    return connection.get_autocommit() and not connection.in_atomic_block


def _prepare(connection, cursor, name: str, sql: str, params, known: set[str]) -> None:
    types = [_TYPES.get(type(value)) for value in params]
    if None in types:  # a value of another kind: its literal's type is not known here
        _refused.add(name)
        return
    typed = f" ({', '.join(types)})" if types else ""
    statement = f"PREPARE {name}{typed} AS {_numbered(sql)}"
    # In a transaction, a savepoint: a refusal must not end the transaction.
    savepoint = nullcontext() if in_autocommit(connection) else transaction.atomic(connection.alias)
    try:
        with savepoint:
            cursor.execute(statement)  # no parameters: sent as it is
    except DatabaseError as error:
        if not (_sqlstate(error) or "").startswith("42"):
            raise  # not a refusal: the connection, a timeout, a transaction ended
        logger.info("prepared statement %s refused: run as SQL", name, exc_info=True)
        _refused.add(name)
        return
    known.add(name)


def statements(connection, cursor, entries) -> list[str]:
    """The SQL to send for each (number, sql, params) of ENTRIES on CONNECTION (PostgreSQL,
    its values bound on the client): EXECUTE of the query's statement (`name_of` NUMBER),
    prepared now on the connection if it is not yet, with a placeholder for each of
    PARAMS; SQL itself where it cannot be."""
    if not enabled():
        return [sql for _number, sql, _params in entries]
    if connection.connection in _to_deallocate:
        cursor.execute("DEALLOCATE ALL")
        _to_deallocate.discard(connection.connection)
        _known(connection).clear()
    known = _known(connection)
    sent = []
    for number, sql, params in entries:
        name = name_of(number)
        if name not in known and name not in _refused:
            _prepare(connection, cursor, name, sql, params, known)
        if name not in known:
            sent.append(sql)
        elif params:
            sent.append(f"EXECUTE {name}({', '.join(['%s'] * len(params))})")
        else:
            sent.append(f"EXECUTE {name}")
    return sent


def lost(connection, error: Exception) -> bool:
    """Whether ERROR, raised by statements() SQL, means that the session's statements are
    lost or stale (see the module's note): then they are all deallocated before the next
    read; True when the read may be made again now (outside a transaction)."""
    cause = error.__cause__ or error
    state = _sqlstate(error)
    # The function that raised it, as PostgreSQL names it in every language (the message
    # is translated by the server's lc_messages); the English message where it does not.
    raised_in = getattr(getattr(cause, "diag", None), "source_function", None)
    stale = state == _STALE_STATE and (raised_in == _STALE_FUNCTION or _STALE in str(cause))
    lost_or_stale = state == _NO_SUCH_STATEMENT or stale
    if not lost_or_stale or not enabled():
        return False
    logger.warning("prepared statements lost or stale in the database session: made again")
    _to_deallocate.add(connection.connection)
    return in_autocommit(connection)
