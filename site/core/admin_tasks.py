"""Admin screen Ustawienia → Zadania w tle: the workers, the queue, the failed tasks.

For administrators (superusers, or whoever is given the permission to view task results):
every task whose last attempt failed, with its error, and a button that queues it again;
tasks waiting for a retry with their last error; each worker's last heartbeat.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import WorkerHeartbeat
from core.worker_health import last_worker_heartbeat, worker_is_alive

PERMISSION = "django_tasks_database.view_dbtaskresult"
LIMIT = 100
# What each task does, as an administrator would say it.
TASK_LABELS = {
    "core.mail.send_email": "Wysyłka e-maila",
    "pages.registry.tasks.run_ngo_import": "Import rejestru NGO",
    "search.tasks.reindex_object": "Wyszukiwarka portalu: aktualizacja wpisu",
    "search.tasks.remove_object": "Wyszukiwarka portalu: usunięcie wpisu",
    "search.tasks.reindex_objects": "Wyszukiwarka portalu: aktualizacja wpisów",
    "search.tasks.reindex_page_subtree": "Wyszukiwarka portalu: aktualizacja sekcji",
    "search.tasks.reindex_collection": "Wyszukiwarka portalu: aktualizacja kolekcji",
    "modelsearch.tasks.insert_or_update_object_task": "Wyszukiwarka panelu: aktualizacja",
    "wagtail.tasks.update_reference_index_task": "Indeks odwołań panelu",
    "wagtail.tasks.delete_file_from_storage_task": "Usunięcie pliku z dysku",
    "voting.sms.send_confirmation_sms": "Głosowanie: SMS z linkiem potwierdzenia",
    "webhooks.tasks.deliver": "Webhooki: wysyłka",
    "alerts.tasks.announce": "Powiadomienia e-mail: wybór adresatów",
    "alerts.tasks.send_immediate": "Powiadomienia e-mail: wysyłka",
    "alerts.tasks.send_digests": "Powiadomienia e-mail: wysyłka zestawień",
}


def can_view_tasks(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


def task_label(task_path: str) -> str:
    return TASK_LABELS.get(task_path, task_path)


def _rows(queryset):
    rows = []
    for result in queryset.defer("args_kwargs", "return_value")[:LIMIT]:
        lines = [line for line in result.traceback.strip().splitlines() if line.strip()]
        rows.append(
            {
                "result": result,
                "label": task_label(result.task_path),
                "attempts": len(result.worker_ids),
                "error": lines[-1] if lines else result.exception_class_path,
            }
        )
    return rows


class TasksView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/tasks.html"
    page_title = "Zadania w tle"
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_tasks(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("core_tasks"), "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        lease = timedelta(seconds=settings.TASK_WORKER_LEASE_SECONDS)
        counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")).order_by())
        context.update(
            now=now,
            workers=[
                {"worker": worker, "alive": now - worker.last_seen_at <= lease}
                for worker in WorkerHeartbeat.objects.all()[:20]
            ],
            last_heartbeat=last_worker_heartbeat(),
            worker_alive=worker_is_alive(now),
            counts={
                "ready": counts.get(TaskResultStatus.READY, 0),
                "running": counts.get(TaskResultStatus.RUNNING, 0),
                "failed": counts.get(TaskResultStatus.FAILED, 0),
                "successful": counts.get(TaskResultStatus.SUCCESSFUL, 0),
            },
            failed=_rows(
                DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by("-finished_at")
            ),
            retrying=_rows(
                DBTaskResult.objects.filter(status=TaskResultStatus.READY)
                .exclude(traceback="")
                .order_by("run_after")
            ),
            limit=LIMIT,
        )
        return context


@require_POST
def retry_task(request, pk):
    """Queue a failed task again, at once (an administrator fixed what made it fail)."""
    if not can_view_tasks(request.user):
        raise PermissionDenied
    result = get_object_or_404(DBTaskResult, pk=pk)
    queued = DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=timezone.now(), finished_at=None
    )
    if queued:
        messages.success(request, f"Zadanie „{task_label(result.task_path)}” czeka na ponowienie.")
    else:
        messages.warning(request, "To zadanie nie jest już oznaczone jako nieudane.")
    return redirect("core_tasks")
