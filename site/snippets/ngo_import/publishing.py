"""Writing the planned rows as Wagtail's own create, edit and publish would, in bulk.

Per record, what the admin's "Publish" writes (wagtail.actions: CreateAction,
save_revision, PublishRevisionAction): a revision; the record's fields with
`latest_revision`, `live_revision`, `first_published_at` (when first published),
`last_published_at`, `has_unpublished_changes`; history entries `wagtail.create` or
`wagtail.edit`, `wagtail.rename` when the name changes, `wagtail.publish`; scheduled
publications cancelled; the `published` signal; the reference index; the webhooks a save
would set off (webhooks.bulk: bulk writes send no post_save). A record that is
not live gets what saving a draft writes (its fields, a revision, `wagtail.edit`) and
stays unpublished. The same statements are issued once per batch instead of once per
record: that is what makes 50,000 rows take a minute instead of an hour.

Before writing, the records are locked and compared with what was planned: a record
changed in between makes the whole write fail with a per-line report.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from wagtail.models import ModelLogEntry, ReferenceIndex, Revision
from wagtail.signals import published

from core.cache_tags import bulk_change
from search.signal_handlers import batched
from snippets.models import NGO
from snippets.models.ngo import fold
from snippets.ngo_import.bulk import insert as insert_rows
from snippets.ngo_import.cells import ParsedRow
from snippets.ngo_import.planning import CHUNK, Update
from snippets.ngo_import.report import RowError
from snippets.ngo_import.revision_content import RevisionContent
from webhooks.bulk import announce_bulk, public_among

BATCH = 1000  # rows per INSERT or UPDATE statement
# Written on every published record (the fields of the import's columns come on top).
PUBLISH_FIELDS = [
    "search_name",
    "latest_revision",
    "live_revision",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "expired",
    "go_live_at",
]
DRAFT_FIELDS = ["search_name", "latest_revision", "has_unpublished_changes"]


class ChangedMeanwhile(Exception):
    """Records changed between the plan and the write; nothing is written."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} records changed meanwhile")
        self.errors = errors


def _set_values(ngo: NGO, values: dict) -> None:
    for field, value in values.items():
        if field == "areas":
            ngo.area_ids = value  # for the revision and the areas' rows
        elif field == "district":
            ngo.district_id = value
        else:
            setattr(ngo, field, value)
    ngo.search_name = fold(f"{ngo.name} {ngo.short_name}")


def _lock_and_compare(updates: list[Update]) -> None:
    """Lock the rows to update and refuse the write if any changed since the plan."""
    planned = {update.ngo.pk: update for update in updates}
    keys = list(planned)
    errors, found = [], {}
    for start in range(0, len(keys), CHUNK):
        rows = NGO.objects.select_for_update().filter(pk__in=keys[start : start + CHUNK])
        found.update(
            (pk, (rev, live))
            for pk, rev, live in rows.values_list("pk", "latest_revision_id", "live")
        )
    for pk, update in planned.items():
        if found.get(pk) != (update.ngo.latest_revision_id, update.ngo.live):
            errors.append(
                RowError(
                    update.row.line,
                    "",
                    f"organizację „{update.ngo.name}” zmieniono w rejestrze w trakcie "
                    "importu; sprawdź plik ponownie.",
                )
            )
    if errors:
        raise ChangedMeanwhile(errors)


def write(creates: list[ParsedRow], updates: list[Update], user, now) -> list[NGO]:
    """Write everything planned (inside the caller's transaction); the records written."""
    _lock_and_compare(updates)
    # Read before writing: a record that stops being public is announced as such.
    was_public = public_among(NGO, [update.ngo.pk for update in updates])
    created = _create(creates, now)
    old_names = {update.ngo.pk: update.ngo.name for update in updates}
    for update in updates:
        _set_values(update.ngo, {f: update.row.values[f] for f in update.fields})
    updated = [update.ngo for update in updates]
    records = created + updated
    revisions = _revisions(records, user, now)
    published_now = [ngo for ngo in records if ngo.live]
    drafts = [ngo for ngo in updated if not ngo.live]
    for ngo in published_now:
        ngo.latest_revision = ngo.live_revision = revisions[ngo.pk]
        ngo.has_unpublished_changes = False
        ngo.expired = False
        ngo.go_live_at = None  # a schedule the importer chose to override is cancelled
        ngo.last_published_at = now
        ngo.first_published_at = ngo.first_published_at or now
    for ngo in drafts:
        # As saving a draft of an unpublished snippet: the row holds the draft.
        ngo.latest_revision = revisions[ngo.pk]
        ngo.has_unpublished_changes = True
    changed_fields = sorted({f for u in updates for f in u.fields} - {"areas"})
    _update_rows(published_now, [*changed_fields, *PUBLISH_FIELDS])
    _update_rows(drafts, [*changed_fields, *DRAFT_FIELDS])
    _write_areas(created, updates)
    content_type = ContentType.objects.get_for_model(NGO)
    Revision.objects.filter(
        content_type=content_type,
        object_id__in=[str(ngo.pk) for ngo in updated if ngo.live],
        approved_go_live_at__isnull=False,
    ).update(approved_go_live_at=None)
    _log(created, updated, old_names, revisions, user, now, content_type)
    _update_reference_index(records, content_type)
    # One re-index task per batch of records, one bump of the page cache for them all.
    with batched(), bulk_change():
        for ngo in published_now:
            published.send(sender=NGO, instance=ngo, revision=revisions[ngo.pk])
    announce_bulk(NGO, [ngo.pk for ngo in records], was_public)
    return records


def _create(rows: list[ParsedRow], now) -> list[NGO]:
    if not rows:
        return []
    taken = set(NGO.objects.values_list("slug", flat=True))
    created = []
    for row in rows:
        ngo = NGO()
        _set_values(ngo, {f: v for f, v in row.values.items() if f != "areas"})
        ngo.slug = NGO.unique_slug(ngo.name, taken=taken)
        taken.add(ngo.slug)
        ngo.live = True
        created.append(ngo)
    insert_rows(NGO, created)
    if any(ngo.pk is None for ngo in created):  # a database that returns no keys
        pks = dict(NGO.objects.filter(slug__in=[n.slug for n in created]).values_list("slug", "pk"))
        for ngo in created:
            ngo.pk = pks[ngo.slug]
    for ngo, row in zip(created, rows, strict=True):
        ngo.area_ids = row.values.get("areas", [])
    return created


def _revisions(records: list[NGO], user, now) -> dict[int, Revision]:
    content_type = ContentType.objects.get_for_model(NGO)
    content = RevisionContent(NGO)
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(ngo.pk),
            created_at=now,
            user=user,
            object_str=str(ngo),
            content=content(ngo, {"areas": ngo.area_ids}),
        )
        for ngo in records
    ]
    insert_rows(Revision, revisions)
    if any(revision.pk is None for revision in revisions):
        keys = dict(
            Revision.objects.filter(content_type=content_type, created_at=now).values_list(
                "object_id", "pk"
            )
        )
        for revision in revisions:
            revision.pk = keys[revision.object_id]
    return {int(revision.object_id): revision for revision in revisions}


def _update_rows(records: list[NGO], fields: list[str]) -> None:
    """One UPDATE per record, in the open transaction: cheap on both databases, where
    `bulk_update`'s CASE over thousands of rows is slow to build and to plan."""
    columns = [NGO._meta.get_field(name) for name in dict.fromkeys(fields)]
    if not records:
        return
    table = connection.ops.quote_name(NGO._meta.db_table)
    assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in columns)
    # Names from the model's metadata, quoted; the values go as parameters.
    sql = f"UPDATE {table} SET {assignments} WHERE {connection.ops.quote_name('id')} = %s"  # noqa: S608
    params = [
        [*(f.get_db_prep_save(f.pre_save(ngo, False), connection) for f in columns), ngo.pk]
        for ngo in records
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH):
            cursor.executemany(sql, params[start : start + BATCH])


def _write_areas(created: list[NGO], updates: list[Update]) -> None:
    through = NGO.areas.through
    replaced = [u.ngo for u in updates if "areas" in u.fields]
    for start in range(0, len(replaced), CHUNK):
        through.objects.filter(ngo_id__in=[n.pk for n in replaced[start : start + CHUNK]]).delete()
    insert_rows(
        through,
        [
            through(ngo_id=ngo.pk, publicbenefitarea_id=area_id)
            for ngo in [*created, *replaced]
            for area_id in ngo.area_ids
        ],
    )


def _log(created, updated, old_names, revisions, user, now, content_type) -> None:
    """The history entries the admin's create/edit and publish write, one action each."""
    entries = []

    def entry(ngo, action, data=None):
        return ModelLogEntry(
            content_type=content_type,
            label=str(ngo),
            action=action,
            timestamp=now,
            data=data or {},
            user=user,
            uuid=action_uuid,
            object_id=str(ngo.pk),
            revision=revisions[ngo.pk],
            content_changed=True,
        )

    for ngo in created:
        action_uuid = uuid.uuid4()
        entries += [entry(ngo, "wagtail.create"), entry(ngo, "wagtail.publish")]
    for ngo in updated:
        action_uuid = uuid.uuid4()
        entries.append(entry(ngo, "wagtail.edit"))
        if not ngo.live:
            continue
        old_name = old_names[ngo.pk]
        renamed = {"title": {"old": old_name, "new": str(ngo)}} if old_name != ngo.name else None
        if renamed:
            entries.append(entry(ngo, "wagtail.rename", renamed))
        entries.append(entry(ngo, "wagtail.publish", renamed))
    insert_rows(ModelLogEntry, entries)


def _update_reference_index(records: list[NGO], content_type) -> None:
    """What ReferenceIndex.create_or_update_for_object leaves, for many records at once."""
    if not ReferenceIndex.is_indexed(NGO) or not records:
        return
    for start in range(0, len(records), CHUNK):
        ReferenceIndex.objects.filter(
            base_content_type=content_type,
            object_id__in=[str(ngo.pk) for ngo in records[start : start + CHUNK]],
        ).delete()
    # Each record's references are a set and its old rows are gone: no conflicts.
    insert_rows(
        ReferenceIndex,
        [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(ngo.pk),
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for ngo in records
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(ngo)
            )
        ],
    )
