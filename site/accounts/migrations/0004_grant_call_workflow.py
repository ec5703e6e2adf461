"""Grant calls (a snippet with drafts) go through the same approval as pages."""

from django.db import migrations

WORKFLOW_NAME = "Zatwierdzenie przez kierownictwo"
SNIPPETS_UNDER_WORKFLOW = (("snippets", "grantcall"),)


def assign(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    for app_label, model in SNIPPETS_UNDER_WORKFLOW:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_ngo_partners"),
        ("snippets", "0002_registries"),
    ]

    operations = [migrations.RunPython(assign, migrations.RunPython.noop)]
