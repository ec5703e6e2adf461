"""Who may move documents and images out of a private collection: approvers.

A permission of its own on collections (Django's permissions need a content type; the
collection's is the natural one), checked by core.collection_privacy. Editors keep
`change` on every collection, so they still edit and move items between public places
and within the same restrictions, but making something private readable by more people
needs this one. Superusers hold every permission anyway.
"""

from django.db import migrations

APPROVERS = "Zatwierdzający"
CODENAME = "release_from_private_collection"
NAME = "Może przenosić dokumenty i obrazy z kolekcji prywatnych"


def create(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="collection"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME}
    )
    group = Group.objects.filter(name=APPROVERS).first()
    if group is not None:
        group.permissions.add(permission)


def remove(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="wagtailcore", codename=CODENAME).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_grant_call_workflow")]

    operations = [migrations.RunPython(create, remove)]
