"""Volunteering offers go through the department's approval workflow, as grant calls and
art. 19a offers do (accounts.0006): partners and editors submit, approvers publish."""

from django.db import migrations

WORKFLOW_NAME = "Zatwierdzenie przez kierownictwo"


def assign(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="volunteering", model="volunteeroffer"
    )
    WorkflowContentType.objects.get_or_create(
        content_type=content_type, defaults={"workflow": workflow}
    )


def unassign(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    content_type = ContentType.objects.filter(
        app_label="volunteering", model="volunteeroffer"
    ).first()
    if content_type is not None:
        WorkflowContentType.objects.filter(content_type=content_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("volunteering", "0001_initial"),
        ("accounts", "0006_small_grant_offer_workflow"),
    ]

    operations = [migrations.RunPython(assign, unassign)]
