"""The department's roles: group names, and the model permissions each one holds.

Groups, their page and collection permissions and the approval workflow are created by
the data migration `0002_roles_and_workflow`; model permissions of the content apps are
granted after every `migrate` (content apps are added over time), add-only, so what an
administrator grants by hand is never taken away.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

EDITORS = "Redaktorzy"
APPROVERS = "Zatwierdzający"
STAFF = "Pracownicy"
NGO_PARTNERS = "Partnerzy NGO"
# Reads what residents sent (names, e-mails, phones); given by administrators by hand.
SUBMISSIONS_TEAM = "Obsługa zgłoszeń"

ALL_GROUPS = (EDITORS, APPROVERS, STAFF, NGO_PARTNERS, SUBMISSIONS_TEAM)
# Who may read the intranet and the extranet (superusers always may).
INTRANET_GROUPS = (STAFF, EDITORS, APPROVERS)
EXTRANET_GROUPS = (NGO_PARTNERS, STAFF, EDITORS, APPROVERS)

WORKFLOW_NAME = "Zatwierdzenie przez kierownictwo"
WORKFLOW_TASK_NAME = "Akceptacja kierownictwa wydziału"

# Apps whose models editors keep (snippets, registries, submissions, change requests).
CONTENT_APPS = (
    "snippets",
    "consultations",
    "registry",
    "cao",
    "accounts",
    "wagtailforms",
    "wagtailredirects",
)
# Models of other apps that editors keep as content (the search's synonyms).
CONTENT_MODELS = ("search.searchsynonym",)
# Actions on content models: editors draft; approvers also publish what needs approval.
EDITOR_ACTIONS = ("add", "change", "delete", "view")
APPROVER_ONLY_ACTIONS = ("publish",)
# Permission codenames that stay with administrators even in content apps.
RESERVED_CODENAMES = frozenset(
    {"add_ngopartnerprofile", "change_ngopartnerprofile", "delete_ngopartnerprofile"}
)
# Content under the approval workflow: only approvers publish it (snippets with drafts
# outside this list, like the NGO registry, are published by editors themselves).
# Submissions carrying residents' personal data: only the submissions team reads them
# (view; change where a submission is marked handled), editors and approvers not at all.
PERSONAL_DATA_MODELS = frozenset(
    {
        "consultations.consultationresponse",
        "cao.bookingrequest",
        "cao.eventregistration",
        "registry.offercomment",
    }
)
SUBMISSIONS_TEAM_ACTIONS = ("view", "change")
APPROVAL_REQUIRED_MODELS = frozenset({"snippets.grantcall", "snippets.smallgrantoffer"})


def _content_types() -> Q:
    """The content types of CONTENT_APPS and CONTENT_MODELS."""
    wanted = Q(content_type__app_label__in=CONTENT_APPS)
    for label in CONTENT_MODELS:
        app_label, model = label.split(".")
        wanted |= Q(content_type__app_label=app_label, content_type__model=model)
    return wanted


def _wanted(codename: str, model_name: str, actions) -> bool:
    return codename in {f"{action}_{model_name}" for action in actions}


def grant_model_permissions(sender=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """Give editors and approvers the permissions on every content app's models, and the
    submissions team those on the models with residents' personal data.

    Connected to post_migrate, which Django sends once per installed app; the work is
    done once, after the last app, when every app's permissions exist (Wagtail creates
    the snippets' `publish_*` ones in its own post_migrate handler). Idempotent.
    """
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import Page

    # Django signals only apps that have a models module.
    with_models = [config for config in global_apps.get_app_configs() if config.models_module]
    if sender is not None and sender is not with_models[-1]:
        return
    groups = {
        group.name: group
        for group in Group.objects.using(using).filter(
            name__in=(EDITORS, APPROVERS, SUBMISSIONS_TEAM)
        )
    }
    if len(groups) < 3:
        return  # before accounts' migration (e.g. migrating to an earlier state)
    permissions = (
        Permission.objects.using(using).filter(_content_types()).select_related("content_type")
    )
    editor_perms, approver_perms, team_perms = [], [], []
    for permission in permissions:
        if permission.codename in RESERVED_CODENAMES:
            continue
        model_name = permission.content_type.model
        model = permission.content_type.model_class()
        if model is not None and issubclass(model, Page):
            continue  # page permissions are given on the tree, not per model
        label = f"{permission.content_type.app_label}.{model_name}"
        if label in PERSONAL_DATA_MODELS:
            if _wanted(permission.codename, model_name, SUBMISSIONS_TEAM_ACTIONS):
                team_perms.append(permission)
            continue
        if _wanted(permission.codename, model_name, EDITOR_ACTIONS):
            editor_perms.append(permission)
            approver_perms.append(permission)
        elif _wanted(permission.codename, model_name, APPROVER_ONLY_ACTIONS):
            approver_perms.append(permission)
            if label not in APPROVAL_REQUIRED_MODELS:
                editor_perms.append(permission)
    groups[EDITORS].permissions.add(*editor_perms)
    groups[APPROVERS].permissions.add(*approver_perms)
    groups[SUBMISSIONS_TEAM].permissions.add(*team_perms)
