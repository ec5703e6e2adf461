"""The full-text structures come from migrations: all there after `migrate`, removed and
made again by reversing and re-applying 0005, and a database whose objects the
runtime code of earlier versions made (tests/search/runtime_schema.py) is upgraded."""

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

import pytest

from search.backends import BackendQuery, get_database_backend
from search.backends.schema import FACET_TABLE, TABLE, missing_objects
from search.models import SearchEntry
from search.service import analyse_query
from tests.search import runtime_schema
from tests.search.test_postgres import entry

BEFORE = ("search", "0004_postgres_vectors")


def migrate_to(*targets):
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets))


def leaf():
    return MigrationExecutor(connection).loader.graph.leaf_nodes("search")[0]


def found(text):
    groups = [set(g.terms) for g in analyse_query(text).groups]
    query = BackendQuery(groups=groups, visibilities=("public", "login"), limit=50)
    return {pk for pk, _score in get_database_backend().search(query).hits}


@pytest.mark.django_db
def test_migrate_made_every_full_text_object():
    assert missing_objects(connection) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reversing_0005_removes_the_objects_and_reapplying_makes_them_again():
    try:
        migrate_to(BEFORE)
        assert len(missing_objects(connection)) >= 4
    finally:
        migrate_to(leaf())
    assert missing_objects(connection) == []
    kept = entry(1, "Konsultacje budżetu")
    assert found("konsultacja") == {kept.pk}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_made_by_the_runtime_code_is_upgraded_by_migrate():
    try:
        migrate_to(BEFORE)
        assert runtime_schema.ensure_schema(connection) is True  # the old way
        old = entry(1, "Uchwała Rady Miejskiej")
        if connection.vendor == "postgresql":
            exhaust_the_old_facet_numbers()
        migrate_to(leaf())
    finally:
        migrate_to(leaf())
    assert missing_objects(connection) == []
    new = entry(2, "Uchwała o programie współpracy", state="adopted", visibility="login")
    assert found("uchwała") == {old.pk, new.pk}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                "WHERE attrelid = %s::regclass AND attname = 'id'",
                [FACET_TABLE],
            )
            assert cursor.fetchone()[0] == "integer"


def exhaust_the_old_facet_numbers():
    """The failure the runtime schema reached: its smallint sequence at its maximum,
    after which no entry with a new (kind, state, visibility) can be written."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {FACET_TABLE} ALTER COLUMN id RESTART WITH 32767")
    entry(3, "Nabór wniosków", state="open")  # takes 32767, the last number
    with pytest.raises(DatabaseError, match="maximum value of sequence"), transaction.atomic():
        entry(4, "Nabór zamknięty", state="closed")


@pytest.mark.django_db
@pytest.mark.postgres
def test_facet_numbers_are_wide_and_writes_of_known_facets_take_none():
    """33,000 facets, more than a smallint numbers; then one bulk write of an entry of
    each (33,000 upserts, which in the runtime schema took a number each) takes no
    number at all, and writing still works after."""
    content_type = ContentType.objects.get_for_model(SearchEntry).pk
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {FACET_TABLE} (kind, state, visibility) "  # noqa: S608
            "SELECT 'page', 's' || n, 'public' FROM generate_series(1, 33000) n"
        )
        numbered = last_facet_number(cursor)
        cursor.execute(
            f"INSERT INTO {TABLE} (kind, content_type_id, object_id, title, url, summary, "  # noqa: S608
            "body, identifiers, state, visibility, source_hash, extraction_error, "
            "title_terms, ident_terms, summary_terms, body_terms, indexed_at) "
            "SELECT 'page', %s, n::text, '', '/', '', '', '', 's' || n, 'public', '', '', "
            "'', '', '', '', now() FROM generate_series(1, 33000) n",
            [content_type],
        )
        assert last_facet_number(cursor) == numbered >= 33000
        cursor.execute("SELECT count(*), max(facet) FROM search_entry_vector")
        count, highest = cursor.fetchone()
        assert count == 33000 and highest > 32767
    latest = entry(40000, "Nabór uzupełniający", state="closed")
    hits = get_database_backend().search(BackendQuery(groups=[{"nabor"}], state="closed")).hits
    assert [pk for pk, _score in hits] == [latest.pk]


def last_facet_number(cursor) -> int:
    cursor.execute("SELECT last_value FROM search_entry_facet_id_seq")
    return cursor.fetchone()[0]
