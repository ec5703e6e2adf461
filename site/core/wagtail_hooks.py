"""Admin hooks of shared mechanisms: the background tasks screen, the templates of generated
documents, the private-collection guard on bulk moves and its permission in the group
editor, the personal-data access record (administrators only: no group holds its `view`)."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_tasks import TasksView, can_view_tasks, retry_task
from core.admin_views import ReadOnlyPermissionPolicy
from core.audit_views import PersonalDataAccessViewSet
from core.collection_privacy import RELEASE_PERMISSION, check_move
from core.models import DocumentTemplate, PersonalDataAccess

register_permission_policy(PersonalDataAccess, ReadOnlyPermissionPolicy(PersonalDataAccess))


class DocumentTemplateViewSet(SnippetViewSet):
    """Ustawienia → Szablony dokumentów: editors' DOCX layouts of generated documents."""

    model = DocumentTemplate
    icon = "doc-full"
    add_to_settings_menu = True
    menu_label = "Szablony dokumentów"
    list_display = ["__str__", "updated_at"]


register_snippet(DocumentTemplateViewSet)


@hooks.register("register_admin_viewset")
def register_personal_data_access():
    return PersonalDataAccessViewSet()


@hooks.register("register_permissions")
def register_release_permission():
    """Shown in Ustawienia → Grupy (under "Kolekcja", custom permissions), so
    administrators see who may move items out of private collections and grant it."""
    app_label, codename = RELEASE_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


@hooks.register("before_bulk_action")
def refuse_bulk_move_out_of_private_collection(request, action_type, objects, action):
    """Bulk "add to collection" of documents or images: the same rule as the edit form.

    Nothing is moved if any one item would leave a private collection; the message
    names the first such item.
    """
    if action_type != "add_to_collection":
        return None
    target = action.cleaned_form.cleaned_data.get("collection")
    if target is None:
        return None
    for item in objects:
        reason = check_move(request.user, item.title, item.collection, target)
        if reason:
            messages.error(request, reason)
            return redirect(action.next_url)
    return None


@hooks.register("register_admin_urls")
def register_task_urls():
    return [
        path("zadania-w-tle/", TasksView.as_view(), name="core_tasks"),
        path("zadania-w-tle/<uuid:pk>/ponow/", retry_task, name="core_task_retry"),
    ]


class TasksMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_tasks(request.user)


@hooks.register("register_settings_menu_item")
def register_tasks_menu_item():
    return TasksMenuItem("Zadania w tle", reverse("core_tasks"), icon_name="cogs", order=900)
