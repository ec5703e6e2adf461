"""The department's groups, their page and collection permissions, and the approval workflow.

Editors add and edit pages but cannot publish; approvers publish. The workflow
"Zatwierdzenie przez kierownictwo" (one GroupApprovalTask for approvers) replaces Wagtail's
default "Moderators approval" on the root of the tree, so whatever an editor writes reaches
the public only after an approver accepts it. Staff and NGO partners get no admin access:
they only read the restricted areas of the site.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Redaktorzy"
APPROVERS = "Zatwierdzający"
STAFF = "Pracownicy"
NGO_PARTNERS = "Partnerzy NGO"

PAGE_PERMISSIONS = {
    EDITORS: ("add_page", "change_page", "lock_page"),
    APPROVERS: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
COLLECTION_PERMISSIONS = {
    EDITORS: (
        ("wagtaildocs", ("add_document", "change_document", "choose_document")),
        ("wagtailimages", ("add_image", "change_image", "choose_image")),
    ),
    APPROVERS: (
        ("wagtaildocs", ("add_document", "change_document", "choose_document", "delete_document")),
        ("wagtailimages", ("add_image", "change_image", "choose_image", "delete_image")),
    ),
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrate; these ones are needed now.
    for label in ("wagtailcore", "wagtaildocs", "wagtailimages", "wagtailadmin"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    groups = {
        name: Group.objects.get_or_create(name=name)[0]
        for name in (EDITORS, APPROVERS, STAFF, NGO_PARTNERS)
    }
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in (EDITORS, APPROVERS):
        groups[name].permissions.add(access_admin)

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name],
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    for name, entries in COLLECTION_PERMISSIONS.items():
        for app_label, codenames in entries:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name],
                    collection=root_collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=codename
                    ),
                )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name="Akceptacja kierownictwa wydziału").first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Akceptacja kierownictwa wydziału", content_type=task_type, active=True
        )
    task.groups.add(groups[APPROVERS])
    workflow, _ = Workflow.objects.get_or_create(
        name="Zatwierdzenie przez kierownictwo", defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})

    # Wagtail's starter groups and their workflow would be a second, unnamed way to
    # publish; they go while nobody uses them.
    for name in ("Moderators", "Editors"):
        Group.objects.filter(name=name, user__isnull=True).delete()
    for old in Workflow.objects.exclude(pk=workflow.pk).filter(workflow_pages__isnull=True):
        if not old.workflow_states.exists():
            old.active = False
            old.save(update_fields=["active"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
