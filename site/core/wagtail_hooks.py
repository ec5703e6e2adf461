from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.admin_tasks import TasksView, can_view_tasks, retry_task


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
