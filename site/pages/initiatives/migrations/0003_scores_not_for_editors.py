"""Scores and conflict declarations belong to the initiatives team alone
(accounts.roles.ROLE_ONLY_MODELS). Before, the add-only grant after migrate had given
editors and approvers every permission on them (any editor could score); take those back.
On a fresh database the permissions do not exist yet: nothing to do."""

from django.db import migrations

GROUPS = ("Redaktorzy", "Zatwierdzający")
MODELS = ("score", "conflictdeclaration")


def take_back(apps, schema_editor):
    using = schema_editor.connection.alias if schema_editor is not None else "default"
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    held = Permission.objects.using(using).filter(
        content_type__app_label="initiatives", content_type__model__in=MODELS
    )
    for group in Group.objects.using(using).filter(name__in=GROUPS):
        group.permissions.remove(*held)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0002_rules_min_scores"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(take_back, migrations.RunPython.noop)]
