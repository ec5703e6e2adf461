"""Art. 19a small-grant offers go through the same approval as grant calls (0004).

The model gained WorkflowMixin; here it is assigned the department's workflow, and
editors lose `publish_smallgrantoffer`, which the add-only grant after migrate gave them
while offers had no workflow (roles.APPROVAL_REQUIRED_MODELS now keeps it from them).
"""

from django.db import migrations

WORKFLOW_NAME = "Zatwierdzenie przez kierownictwo"
EDITORS = "Redaktorzy"


def assign(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="snippets", model="smallgrantoffer"
    )
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type=content_type, codename="publish_smallgrantoffer"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_private_collection_release"),
        ("snippets", "0003_seed_public_benefit_areas"),
    ]

    operations = [migrations.RunPython(assign, migrations.RunPython.noop)]
