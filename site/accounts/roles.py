"""The department's roles: group names, and the permissions each one holds.

Groups, their page and collection permissions and the approval workflow are first created
by the data migrations (`0002_roles_and_workflow` and later). After every `migrate` each
role is set up again here, whichever are there: a group that is missing (deleted by hand)
is recreated whole (admin access, its page and collection permissions, its place in the
approval task), and every role gets the model permissions of the content apps (added over
time), add-only, so what an administrator grants by hand is never taken away and what
they take from an existing group is not given back, except model permissions.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q

EDITORS = "Redaktorzy"
APPROVERS = "Zatwierdzający"
STAFF = "Pracownicy"
NGO_PARTNERS = "Partnerzy NGO"
# Reads what residents sent (names, e-mails, phones); given by administrators by hand.
SUBMISSIONS_TEAM = "Obsługa zgłoszeń"

# Scores local initiatives' applications (art. 19c): the team's members declare conflicts
# of interest and score in the admin; administrators put the members in the group.
INITIATIVES_TEAM = "Zespół ds. inicjatyw lokalnych"

ALL_GROUPS = (EDITORS, APPROVERS, STAFF, NGO_PARTNERS, SUBMISSIONS_TEAM, INITIATIVES_TEAM)
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
    "budget",
    "councils",
    "initiatives",
    "voting",
    "volunteering",
    "accounts",
    "wagtailforms",
    "wagtailredirects",
)
# Models of other apps that editors keep as content (the search's synonyms, the templates
# of generated documents).
CONTENT_MODELS = ("search.searchsynonym", "core.documenttemplate")
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
        # Certificates of CAO trainings name their holders; issued from the registrations.
        "cao.trainingcertificate",
        "registry.offercomment",
        # The budget's projects carry their authors' data; verification is done by the
        # submissions team (the budget staff belong to it).
        "budget.budgetproject",
        # Answers are read by the offering organisation in the NGO zone, not by editors.
        "volunteering.volunteeranswer",
        "volunteering.volunteerhours",
        "budget.supporter",
        "budget.projectattachment",
        "budget.appeal",
        # Ballots (names, e-mails, the voters' keyed hashes) and the register of eligible
        # voters' hashes: the submissions team verifies and enters paper ballots.
        "voting.ballot",
        "voting.ballotchoice",
        "voting.eligiblevoter",
        "budget.budgetidea",
        # Local initiatives: the leader's and members' data and the files.
        "initiatives.initiative",
        "initiatives.groupmember",
        "initiatives.attachment",
        # Candidates' applications to councils' recruitments.
        "councils.councilapplication",
    }
)
# Personal data no role reads, only administrators (superusers): the alert sign-ups'
# addresses (editors see counts per topic; an administrator's export is recorded).
ADMINISTRATORS_ONLY_MODELS = frozenset(
    {
        "alerts.signup",
        "alerts.subscriber",
        "alerts.subscription",
        "alerts.delivery",
        # Webhook endpoints hold their secrets; only administrators register them.
        "webhooks.webhookendpoint",
        "webhooks.webhookdelivery",
    }
)
SUBMISSIONS_TEAM_ACTIONS = ("view", "change")
# What the submissions team does beside reading submissions: the budget staff type in
# paper projects (and turn residents' ideas into draft projects), and route projects to
# the city's units for their merit opinions (which hold no personal data: editors keep
# them too).
SUBMISSIONS_TEAM_EXTRA_ACTIONS = {
    "budget.budgetproject": ("add",),
    "budget.meritopinion": ("add", "change", "view"),
    # The decision screen offers "Dodaj plik publiczny" (maps, the city's cost estimate).
    "budget.projectpublicfile": ("add", "change", "view"),
}
APPROVAL_REQUIRED_MODELS = frozenset({"snippets.grantcall", "snippets.smallgrantoffer"})
APPROVAL_REQUIRED_MODELS = frozenset(
    {"snippets.grantcall", "snippets.smallgrantoffer", "volunteering.volunteeroffer"}
)
# Models of one role alone (never the editors'), with the actions that role holds: the
# initiatives team's scores and conflict declarations are never public.
ROLE_ONLY_MODELS = {
    INITIATIVES_TEAM: {
        "initiatives.score": ("add", "change", "view"),
        "initiatives.conflictdeclaration": ("add", "view"),
    },
}

# What a recreated group is given beside model permissions (as the migrations gave it).
ADMIN_GROUPS = (EDITORS, APPROVERS, SUBMISSIONS_TEAM, INITIATIVES_TEAM)
ROOT_PAGE_PERMISSIONS = {
    EDITORS: ("add_page", "change_page", "lock_page"),
    APPROVERS: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
ROOT_COLLECTION_PERMISSIONS = {
    EDITORS: (
        ("wagtaildocs", ("add_document", "change_document", "choose_document")),
        ("wagtailimages", ("add_image", "change_image", "choose_image")),
    ),
    APPROVERS: (
        ("wagtaildocs", ("add_document", "change_document", "choose_document", "delete_document")),
        ("wagtailimages", ("add_image", "change_image", "choose_image", "delete_image")),
    ),
}
# Who approves in the workflow and may move items out of private collections.
RELEASE_CODENAME = "release_from_private_collection"


def _content_types() -> Q:
    """The content types of CONTENT_APPS and CONTENT_MODELS."""
    wanted = Q(content_type__app_label__in=CONTENT_APPS)
    for label in CONTENT_MODELS:
        app_label, model = label.split(".")
        wanted |= Q(content_type__app_label=app_label, content_type__model=model)
    return wanted


def _wanted(codename: str, model_name: str, actions) -> bool:
    return codename in {f"{action}_{model_name}" for action in actions}


def roles_migrated(using=DEFAULT_DB_ALIAS) -> bool:
    """False while accounts' role migrations are not applied (a fresh database mid-way, or
    migrating back): then there is nothing to set up yet."""
    applied = MigrationRecorder(connections[using]).applied_migrations()
    return ("accounts", "0007_submissions_team") in applied


def grant_model_permissions(sender=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """Set up every role: recreate a missing group whole, then give editors and approvers
    the permissions on every content app's models, and the submissions team those on the
    models with residents' personal data.

    Connected to post_migrate, which Django sends once per installed app; the work is
    done once, after the last app, when every app's permissions exist (Wagtail creates
    the snippets' `publish_*` ones in its own post_migrate handler). Idempotent; no role
    depends on another being there.
    """
    # Django signals only apps that have a models module.
    with_models = [config for config in global_apps.get_app_configs() if config.models_module]
    if sender is not None and sender is not with_models[-1]:
        return
    if not roles_migrated(using):
        return
    groups = ensure_groups(using)
    editor_perms, approver_perms, team_perms = _content_model_permissions(using)
    groups[EDITORS].permissions.add(*editor_perms)
    groups[APPROVERS].permissions.add(*approver_perms)
    groups[SUBMISSIONS_TEAM].permissions.add(*team_perms)
    for name, models in ROLE_ONLY_MODELS.items():
        groups[name].permissions.add(*_role_only_permissions(models, using))


def ensure_groups(using=DEFAULT_DB_ALIAS) -> dict:
    """Every role's group by name; one that was missing is created with its setup."""
    from django.contrib.auth.models import Group

    groups = {}
    for name in ALL_GROUPS:
        groups[name], created = Group.objects.using(using).get_or_create(name=name)
        if created:
            _set_up_new_group(groups[name], using)
    return groups


def _set_up_new_group(group, using) -> None:
    from django.contrib.auth.models import Permission

    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
    )

    permissions = Permission.objects.using(using)
    if group.name in ADMIN_GROUPS:
        group.permissions.add(
            *permissions.filter(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    root_page = Page.objects.using(using).filter(depth=1).order_by("path").first()
    for codename in ROOT_PAGE_PERMISSIONS.get(group.name, ()):
        GroupPagePermission.objects.using(using).get_or_create(
            group=group,
            page=root_page,
            permission=permissions.get(content_type__app_label="wagtailcore", codename=codename),
        )
    root_collection = Collection.objects.using(using).filter(depth=1).order_by("path").first()
    for app_label, codenames in ROOT_COLLECTION_PERMISSIONS.get(group.name, ()):
        for codename in codenames:
            GroupCollectionPermission.objects.using(using).get_or_create(
                group=group,
                collection=root_collection,
                permission=permissions.get(content_type__app_label=app_label, codename=codename),
            )
    if group.name == APPROVERS:
        group.permissions.add(
            *permissions.filter(content_type__app_label="wagtailcore", codename=RELEASE_CODENAME)
        )
        for task in GroupApprovalTask.objects.using(using).filter(name=WORKFLOW_TASK_NAME):
            task.groups.add(group)


_ROLE_ONLY_LABELS = frozenset(label for models in ROLE_ONLY_MODELS.values() for label in models)


def _role_only_permissions(models: dict, using) -> list:
    from django.contrib.auth.models import Permission

    wanted = Q(pk__in=[])
    for label, actions in models.items():
        app_label, model_name = label.split(".")
        wanted |= Q(
            content_type__app_label=app_label,
            codename__in=[f"{action}_{model_name}" for action in actions],
        )
    return list(Permission.objects.using(using).filter(wanted))


def _content_model_permissions(using) -> tuple[list, list, list]:
    """(editors', approvers', the submissions team's) permissions on content models."""
    from django.contrib.auth.models import Permission

    from wagtail.models import Page

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
        team_actions = SUBMISSIONS_TEAM_EXTRA_ACTIONS.get(label, ())
        if label in PERSONAL_DATA_MODELS:
            team_actions += SUBMISSIONS_TEAM_ACTIONS
        if _wanted(permission.codename, model_name, team_actions):
            team_perms.append(permission)
        if label in PERSONAL_DATA_MODELS or label in _ROLE_ONLY_LABELS:
            continue
        if _wanted(permission.codename, model_name, EDITOR_ACTIONS):
            editor_perms.append(permission)
            approver_perms.append(permission)
        elif _wanted(permission.codename, model_name, APPROVER_ONLY_ACTIONS):
            approver_perms.append(permission)
            if label not in APPROVAL_REQUIRED_MODELS:
                editor_perms.append(permission)
    return editor_perms, approver_perms, team_perms
