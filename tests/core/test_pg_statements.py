"""Prepared queries as PostgreSQL's own prepared statements (core.pg_statements): prepared
once per connection, the same rows as the query's SQL, SQL where PostgreSQL refuses."""

import contextlib
import os
from datetime import UTC, datetime

from django.db import DatabaseError, DataError, connection, transaction
from django.db.models.expressions import RawSQL
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from core import pg_statements, prepared_queries
from snippets.models import NGO
from tests.factories.registry import NGOFactory

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's own statements"
)


@pytest.fixture(autouse=True)
def _nothing_prepared(monkeypatch):
    monkeypatch.setattr(prepared_queries, "_prepared", {})
    monkeypatch.setattr(pg_statements, "_refused", set())


def _ngo(ngo_id):
    return NGO.objects.filter(pk=ngo_id)


def _sql(queries) -> list[str]:
    return [query["sql"] for query in queries.captured_queries]


@on_postgresql
def test_a_query_is_prepared_once_then_executed(db):
    first, second = NGOFactory(), NGOFactory()
    with CaptureQueriesContext(connection) as queries:
        assert prepared_queries.run("ngo", _ngo, first.pk) == [first]
    name = pg_statements.name_of(prepared_queries._prepared["ngo"].statement)
    # In the test's transaction, in a savepoint; then the statement executed.
    assert [sql.split(" ")[0] for sql in _sql(queries)] == [
        "SAVEPOINT",
        "PREPARE",
        "RELEASE",
        "EXECUTE",
    ]
    # Typed as the value's literal is (an id: bigint), the placeholder numbered.
    assert f"PREPARE {name} (bigint) AS SELECT" in _sql(queries)[1]
    assert '"snippets_ngo"."id" = $1' in _sql(queries)[1]
    with CaptureQueriesContext(connection) as queries:
        [found] = prepared_queries.run("ngo", _ngo, second.pk)
    assert _sql(queries) == [f"EXECUTE {name}({second.pk})"]
    assert found == second and found.name == second.name and found.krs == second.krs


def _labelled(ngo_id):
    # A parameter whose type PostgreSQL cannot infer when it prepares the statement.
    label = RawSQL("CASE WHEN %s IS NULL THEN '' ELSE 'etykieta' END", ("x",))
    return NGO.objects.annotate(label=label).filter(pk=ngo_id)


@on_postgresql
def test_a_query_postgresql_will_not_prepare_is_run_as_sql(db):
    ngo = NGOFactory()
    [found] = prepared_queries.run("labelled", _labelled, ngo.pk)
    assert found == ngo and found.label == "etykieta"
    name = pg_statements.name_of(prepared_queries._prepared["labelled"].statement)
    assert name in pg_statements._refused
    # The refusal did not end the test's transaction, and the query is not prepared again.
    with CaptureQueriesContext(connection) as queries:
        assert prepared_queries.run("labelled", _labelled, ngo.pk)[0].label == "etykieta"
        assert NGO.objects.filter(pk=ngo.pk).exists()
    assert not [sql for sql in _sql(queries) if "PREPARE" in sql or "EXECUTE" in sql]


@on_postgresql
def test_switched_off_the_queries_are_sent_as_sql(db, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    ngo = NGOFactory()
    with CaptureQueriesContext(connection) as queries:
        assert prepared_queries.run("ngo", _ngo, ngo.pk) == [ngo]
    [sql] = _sql(queries)
    assert sql.startswith("SELECT ")


@on_postgresql
def test_statements_lost_in_a_transaction_are_an_error(db):
    ngo = NGOFactory()
    prepared_queries.run("ngo", _ngo, ngo.pk)
    try:
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE ALL")  # as a pooler's DISCARD ALL
        with pytest.raises(DatabaseError):
            prepared_queries.run("ngo", _ngo, ngo.pk)
    finally:  # the connection serves the next tests: none of its statements is known now
        pg_statements._known(connection).clear()
        pg_statements._to_deallocate.discard(connection.connection)


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_statements_lost_outside_a_transaction_are_prepared_again():
    ngo = NGOFactory()
    prepared_queries.run("ngo", _ngo, ngo.pk)
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    with CaptureQueriesContext(connection) as queries:
        assert prepared_queries.run("ngo", _ngo, ngo.pk) == [ngo]
    name = pg_statements.name_of(prepared_queries._prepared["ngo"].statement)
    assert [sql.split("(")[0].split(" AS ")[0].strip() for sql in _sql(queries)] == [
        f"EXECUTE {name}",  # failed: the session had lost it
        "DEALLOCATE ALL",
        f"PREPARE {name}",
        f"EXECUTE {name}",
    ]


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_statement_a_migration_made_stale_is_prepared_again():
    ngo = NGOFactory()
    prepared_queries.run("ngo", _ngo, ngo.pk)
    with connection.cursor() as cursor:  # a column widened, as a migration does
        cursor.execute("ALTER TABLE snippets_ngo ALTER COLUMN name TYPE varchar(301)")
    try:
        with CaptureQueriesContext(connection) as queries:
            assert prepared_queries.run("ngo", _ngo, ngo.pk) == [ngo]
        assert [sql.split(" ")[0] for sql in _sql(queries)] == [
            "EXECUTE",  # "cached plan must not change result type"
            "DEALLOCATE",
            "PREPARE",
            "EXECUTE",
        ]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE snippets_ngo ALTER COLUMN name TYPE varchar(300)")
        pg_statements._known(connection).clear()
        pg_statements._to_deallocate.discard(connection.connection)
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE ALL")


def _published_since(page_id):
    # A date among the parameters: its literal's type is not one the statement is typed by.
    since = datetime(2000, 1, 1, tzinfo=UTC)
    return Page.objects.filter(pk=page_id).exclude(first_published_at__lt=since)


@on_postgresql
def test_a_query_with_a_value_of_another_kind_is_run_as_sql(home_page):
    [found] = prepared_queries.run("published", _published_since, home_page.pk)
    assert found.pk == home_page.pk
    number = prepared_queries._prepared["published"].statement
    assert pg_statements.name_of(number) in pg_statements._refused


@on_postgresql
def test_an_error_that_is_no_refusal_is_raised_and_not_remembered(db):
    ngo = NGOFactory()
    with pytest.raises(DatabaseError), transaction.atomic():
        # Caught: the transaction is aborted all the same.
        with connection.cursor() as cursor, contextlib.suppress(DataError):
            cursor.execute("SELECT 1/0")
        prepared_queries.run("ngo", _ngo, ngo.pk)
    number = prepared_queries._prepared["ngo"].statement
    assert pg_statements.name_of(number) not in pg_statements._refused


def test_placeholders_are_numbered_and_percent_signs_single():
    sql = "SELECT '100%%' FROM t WHERE a = %s AND b LIKE %s AND c = '%%s'"
    assert pg_statements._numbered(sql) == (
        "SELECT '100%' FROM t WHERE a = $1 AND b LIKE $2 AND c = '%s'"
    )


@on_postgresql
def test_a_name_the_session_already_holds_is_never_trusted(db, monkeypatch):
    # As a session another process used (a pooler's) may hold: another query, our name.
    ngo = NGOFactory()
    monkeypatch.setattr(pg_statements, "name_of", lambda number: "pq_someone_else_1")
    with connection.cursor() as cursor:
        cursor.execute("PREPARE pq_someone_else_1 (bigint) AS SELECT $1 + 1")
    try:
        assert prepared_queries.run("ngo", _ngo, ngo.pk) == [ngo]  # as SQL
        assert "pq_someone_else_1" in pg_statements._refused
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE pq_someone_else_1")


def test_a_forked_process_names_its_statements_apart():
    number = pg_statements.new_number()  # a query compiled before the fork
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the same query's name, then gone at once, whatever happens
        code = 1
        try:
            os.write(write, pg_statements.name_of(number).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    _pid, status = os.waitpid(pid, 0)
    child = os.read(read, 100).decode()
    os.close(read)
    assert os.waitstatus_to_exitcode(status) == 0
    assert child.startswith("pq_") and child != pg_statements.name_of(number)


class _Diagnostic:
    source_function = "RevalidateCachedQuery"


class _StaleInPolish(Exception):
    sqlstate = "0A000"
    diag = _Diagnostic()


@on_postgresql
def test_a_stale_statement_is_known_whatever_the_servers_language(db):
    error = DatabaseError("zapisany plan nie może zmienić typu wyniku")
    error.__cause__ = _StaleInPolish()
    try:
        assert pg_statements.lost(connection, error) is False  # in the test's transaction
        assert connection.connection in pg_statements._to_deallocate
    finally:
        pg_statements._to_deallocate.discard(connection.connection)
    error.__cause__ = type("Other", (Exception,), {"sqlstate": "0A000"})()
    assert pg_statements.lost(connection, error) is False
    assert connection.connection not in pg_statements._to_deallocate
