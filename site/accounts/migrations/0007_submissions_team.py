"""The submissions team ("Obsługa zgłoszeń"): the only role that reads residents' data.

Creates the group with admin access. Editors and approvers lose every permission on the
models that hold residents' personal data (consultation comments, CAO bookings and
event registrations, comments on art. 19a offers), which the add-only grant after
migrate had given them; from now on accounts.roles gives those to the team only (view,
and change where a submission is marked handled). Administrators put people in the group.
"""

from django.db import migrations

EDITORS = "Redaktorzy"
APPROVERS = "Zatwierdzający"
SUBMISSIONS_TEAM = "Obsługa zgłoszeń"
PERSONAL_DATA_MODELS = (
    ("consultations", "consultationresponse"),
    ("cao", "bookingrequest"),
    ("cao", "eventregistration"),
    ("registry", "offercomment"),
)


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    team, _ = Group.objects.get_or_create(name=SUBMISSIONS_TEAM)
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access_admin is not None:
        team.permissions.add(access_admin)
    for app_label, model in PERSONAL_DATA_MODELS:
        personal = Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model
        )
        for group in Group.objects.filter(name__in=(EDITORS, APPROVERS)):
            group.permissions.remove(*personal)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name=SUBMISSIONS_TEAM, user__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_small_grant_offer_workflow"),
        ("consultations", "0001_initial"),
        ("cao", "0001_initial"),
        ("registry", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, remove)]
