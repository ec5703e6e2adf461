"""The admin screens for importing the NGO registry from a CSV file.

The upload only stores the file and queues a check of it (pages.registry.tasks): the
request returns at once, and the import's own page shows its progress and then what the
import would change, record by record and field by field, with the records held back
(conflicts, KRS/NIP changes). The importer's choices there queue the write of that file.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from wagtail.admin.auth import user_passes_test
from wagtail.snippets.permissions import get_permission_name

from pages.registry.forms import NGOImportForm
from pages.registry.models import NGOImportJob
from pages.registry.tasks import run_ngo_import
from snippets import ngo_table
from snippets.models import NGO
from snippets.ngo_import import CLEAR_MARKER, MAX_FILE_BYTES

# Imported records are published at once: whoever imports must be allowed to publish.
IMPORT_ACTIONS = ("add", "change", "publish")
RECENT_JOBS = 10
# A checked file nobody confirmed is kept this long, then deleted at the next upload.
UNCONFIRMED_KEPT = timedelta(days=2)
CHOICES = ("overwrite", "change_numbers")  # the kinds of decision on held records


def can_import(user) -> bool:
    return user.is_active and all(
        user.has_perm(get_permission_name(action, NGO)) for action in IMPORT_ACTIONS
    )


@user_passes_test(lambda user: user.is_authenticated)
def ngo_import(request):
    if not can_import(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = NGOImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            # The job and its task in one transaction: never one without the other.
            with transaction.atomic():
                NGOImportJob.objects.filter(
                    dry_run=True, created_at__lt=timezone.now() - UNCONFIRMED_KEPT
                ).update(data=b"")
                job = NGOImportJob.objects.create(
                    created_by=request.user,
                    file_name=upload.name[:255],
                    data=upload.read(),
                    dry_run=True,
                    encoding=form.cleaned_data["encoding"],
                    exported_at=form.cleaned_data["exported_at"],
                )
                run_ngo_import.enqueue(str(job.pk))
            return redirect("registry_ngo_import_job", job.pk)
    else:
        form = NGOImportForm()
    return render(
        request,
        "registry/admin/ngo_import.html",
        {
            "form": form,
            "columns": ngo_table.COLUMNS,
            "clear_marker": CLEAR_MARKER,
            "max_megabytes": MAX_FILE_BYTES // (1024 * 1024),
            "jobs": NGOImportJob.objects.defer("data", "written_ids").select_related("created_by")[
                :RECENT_JOBS
            ],
        },
        status=400 if form.is_bound else 200,
    )


def _chosen_lines(request, name: str, report) -> list[int]:
    """The held lines the importer ticked for NAME (or all of them), among those held."""
    held = {record.line for record in report.held_records}
    if request.POST.get(f"{name}_all") == "1":
        return sorted(held)
    chosen = set()
    for value in request.POST.getlist(name):
        if value.isdigit() and int(value) in held:
            chosen.add(int(value))
    return sorted(chosen)


@transaction.atomic
def _write(request, checked: NGOImportJob):
    """Queue the write of CHECKED's file with the importer's choices; its page's address."""
    report = checked.get_report()
    decisions = {name: _chosen_lines(request, name, report) for name in CHOICES}
    source = NGOImportJob.objects.select_for_update().get(pk=checked.pk)
    job = NGOImportJob.objects.create(
        created_by=request.user,
        file_name=source.file_name,
        data=bytes(source.data),
        dry_run=False,
        encoding=source.encoding,
        exported_at=source.exported_at,
        decisions=decisions,
        checked_by=source,
    )
    NGOImportJob.objects.filter(pk=source.pk).update(data=b"")  # used once
    run_ngo_import.enqueue(str(job.pk))
    return redirect("registry_ngo_import_job", job.pk)


@user_passes_test(lambda user: user.is_authenticated)
def ngo_import_job(request, pk):
    if not can_import(request.user):
        raise PermissionDenied
    job = get_object_or_404(NGOImportJob.objects.defer("data"), pk=pk)
    report = job.get_report()
    writable = job.can_be_written and job.file_kept()
    if request.method == "POST" and writable:
        return _write(request, job)
    context = {"job": job, "report": report, "writable": writable, "refused": None}
    if request.method == "POST":
        context["refused"] = "Tego sprawdzenia nie można już zapisać: wczytaj plik ponownie."
    if request.GET.get("fragment") == "1":
        # What the page's script fetches to update the status in place.
        return render(request, "registry/admin/includes/ngo_import_status.html", context)
    bad = job.finished and report is not None and not report.ok
    status = 409 if context["refused"] else 400 if bad else 200
    return render(request, "registry/admin/ngo_import_job.html", context, status=status)
