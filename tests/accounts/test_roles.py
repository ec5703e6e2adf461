"""The groups, their permissions and the approval workflow created by the migrations."""

from django.contrib.auth.models import Group

from wagtail.models import GroupApprovalTask, Page, WorkflowPage

import pytest

from accounts import roles
from core.retention import submission_models

pytestmark = pytest.mark.django_db


def _page_codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.page_permissions.values_list("permission__codename", flat=True))


def test_the_four_groups_exist_and_wagtails_starter_groups_are_gone():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(roles.ALL_GROUPS) <= names
    assert not names & {"Moderators", "Editors"}


def test_editors_edit_but_do_not_publish_and_approvers_publish():
    assert {"add_page", "change_page"} <= _page_codenames(roles.EDITORS)
    assert "publish_page" not in _page_codenames(roles.EDITORS)
    assert "publish_page" in _page_codenames(roles.APPROVERS)


def test_page_permissions_are_given_on_the_root_of_the_tree():
    root = Page.get_first_root_node()
    for name in (roles.EDITORS, roles.APPROVERS):
        pages = Group.objects.get(name=name).page_permissions.values_list("page", flat=True)
        assert set(pages) == {root.pk}


def test_only_editors_and_approvers_reach_the_admin(
    editor_user, approver_user, staff_user, partner_user
):
    assert editor_user.has_perm("wagtailadmin.access_admin")
    assert approver_user.has_perm("wagtailadmin.access_admin")
    assert not staff_user.has_perm("wagtailadmin.access_admin")
    assert not partner_user.has_perm("wagtailadmin.access_admin")


def test_editors_keep_the_registries(editor_user):
    assert editor_user.has_perm("snippets.change_person")
    assert editor_user.has_perm("snippets.add_district")


def test_editors_keep_the_search_synonyms_but_not_the_index(editor_user):
    assert editor_user.has_perm("search.add_searchsynonym")
    assert editor_user.has_perm("search.change_searchsynonym")
    assert not editor_user.has_perm("search.change_searchentry")
    assert not editor_user.has_perm("search.delete_indexfailure")


def test_editors_and_approvers_hold_document_permissions_on_the_root_collection():
    for name in (roles.EDITORS, roles.APPROVERS):
        codenames = set(
            Group.objects.get(name=name).collection_permissions.values_list(
                "permission__codename", flat=True
            )
        )
        assert {"add_document", "choose_document", "add_image"} <= codenames


def test_the_whole_tree_goes_through_the_approvers_workflow(home_page):
    root = Page.get_first_root_node()
    assignment = WorkflowPage.objects.get(page=root)
    workflow = assignment.workflow
    assert workflow.name == roles.WORKFLOW_NAME and workflow.active
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == [roles.WORKFLOW_TASK_NAME]
    assert list(tasks[0].groups.values_list("name", flat=True)) == [roles.APPROVERS]
    assert home_page.get_workflow() == workflow


def test_granting_again_puts_back_a_lost_model_permission_and_changes_nothing_else():
    editors = Group.objects.get(name=roles.EDITORS)
    before = set(editors.permissions.values_list("pk", flat=True))
    editors.permissions.remove(editors.permissions.get(codename="change_person"))
    roles.grant_model_permissions()
    assert set(editors.permissions.values_list("pk", flat=True)) == before
    roles.grant_model_permissions()
    assert set(editors.permissions.values_list("pk", flat=True)) == before


def test_every_model_with_residents_data_is_reserved_for_the_submissions_team():
    """A new public form's model must join roles.PERSONAL_DATA_MODELS, or editors read it."""
    labels = {model._meta.label_lower for model in submission_models()}
    # Every submission model, and tables kept beside one (a project's support list); or
    # kept for administrators alone (the alerts' addresses).
    assert labels <= roles.PERSONAL_DATA_MODELS | roles.ADMINISTRATORS_ONLY_MODELS
    admin_only = [label.split(".") for label in roles.ADMINISTRATORS_ONLY_MODELS]
    for app_label, model_name in admin_only:
        held = Group.objects.filter(
            permissions__content_type__app_label=app_label,
            permissions__content_type__model=model_name,
        )
        assert not held.exists(), f"{app_label}.{model_name}: {list(held)}"
    labels = roles.PERSONAL_DATA_MODELS
    team = Group.objects.get(name=roles.SUBMISSIONS_TEAM)
    for name in (roles.EDITORS, roles.APPROVERS):
        held = Group.objects.get(name=name).permissions.filter(
            content_type__model__in=[label.split(".")[1] for label in labels]
        )
        assert not held.exists(), name
    viewable = set(
        team.permissions.filter(codename__startswith="view_").values_list(
            "content_type__model", flat=True
        )
    )
    assert {label.split(".")[1] for label in labels} <= viewable
    assert team.permissions.filter(codename="access_admin").exists()


def test_only_approvers_may_move_items_out_of_private_collections():
    codename = "release_from_private_collection"
    holders = Group.objects.filter(permissions__codename=codename).values_list("name", flat=True)
    assert list(holders) == [roles.APPROVERS]


def _setup_of(name):
    group = Group.objects.get(name=name)
    return (
        set(group.permissions.values_list("content_type__app_label", "codename")),
        set(group.page_permissions.values_list("page_id", "permission__codename")),
        set(group.collection_permissions.values_list("collection_id", "permission__codename")),
    )


@pytest.mark.parametrize(
    "missing", [roles.EDITORS, roles.APPROVERS, roles.SUBMISSIONS_TEAM, roles.INITIATIVES_TEAM]
)
def test_a_missing_role_is_set_up_again_and_the_others_are_completed(missing):
    """Whichever group an administrator deleted, the next migrate recreates it whole, and
    the groups after it in any order still get their permissions."""
    before = {name: _setup_of(name) for name in roles.ALL_GROUPS}
    Group.objects.filter(name=missing).delete()
    for name in {roles.EDITORS, roles.APPROVERS, roles.SUBMISSIONS_TEAM} - {missing}:
        group = Group.objects.get(name=name)  # as if never given the content apps' models
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label__in=roles.CONTENT_APPS)
        )

    roles.grant_model_permissions()

    assert {name: _setup_of(name) for name in roles.ALL_GROUPS} == before
    task = GroupApprovalTask.objects.get(name=roles.WORKFLOW_TASK_NAME)
    assert list(task.groups.values_list("name", flat=True)) == [roles.APPROVERS]


def test_setting_up_the_roles_twice_changes_nothing():
    Group.objects.filter(name=roles.STAFF).delete()
    roles.grant_model_permissions()
    first = {name: _setup_of(name) for name in roles.ALL_GROUPS}
    roles.grant_model_permissions()
    assert {name: _setup_of(name) for name in roles.ALL_GROUPS} == first
    assert Group.objects.filter(name__in=roles.ALL_GROUPS).count() == len(roles.ALL_GROUPS)
