"""The admin screens for importing the NGO registry from a CSV file.

The upload only stores the file and queues the import (pages.registry.tasks): the request
returns at once, and the import's own page shows its progress and then its report.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from wagtail.admin.auth import user_passes_test
from wagtail.snippets.permissions import get_permission_name

from pages.registry.forms import NGOImportForm
from pages.registry.models import NGOImportJob
from pages.registry.tasks import run_ngo_import
from snippets import ngo_table
from snippets.models import NGO

# Imported records are published at once: whoever imports must be allowed to publish.
IMPORT_ACTIONS = ("add", "change", "publish")
RECENT_JOBS = 10


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
                job = NGOImportJob.objects.create(
                    created_by=request.user,
                    file_name=upload.name[:255],
                    data=upload.read(),
                    dry_run=form.cleaned_data["dry_run"],
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
            "jobs": NGOImportJob.objects.defer("data", "written_ids").select_related("created_by")[
                :RECENT_JOBS
            ],
        },
        status=400 if form.is_bound else 200,
    )


@user_passes_test(lambda user: user.is_authenticated)
def ngo_import_job(request, pk):
    if not can_import(request.user):
        raise PermissionDenied
    job = get_object_or_404(NGOImportJob.objects.defer("data"), pk=pk)
    report = job.get_report()
    context = {"job": job, "report": report}
    if request.GET.get("fragment") == "1":
        # What the page's script fetches to update the status in place.
        return render(request, "registry/admin/includes/ngo_import_status.html", context)
    status = 400 if job.finished and report is not None and not report.ok else 200
    return render(request, "registry/admin/ngo_import_job.html", context, status=status)
