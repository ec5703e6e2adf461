"""The admin screen for importing the NGO registry from a CSV file."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from wagtail.admin.auth import user_passes_test
from wagtail.snippets.permissions import get_permission_name

from registry.forms import NGOImportForm
from registry.ngo_import import import_ngos
from snippets import ngo_table
from snippets.models import NGO

# Imported records are published at once: whoever imports must be allowed to publish.
IMPORT_ACTIONS = ("add", "change", "publish")


def can_import(user) -> bool:
    return user.is_active and all(
        user.has_perm(get_permission_name(action, NGO)) for action in IMPORT_ACTIONS
    )


@user_passes_test(lambda user: user.is_authenticated)
def ngo_import(request):
    if not can_import(request.user):
        raise PermissionDenied
    report = None
    if request.method == "POST":
        form = NGOImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = import_ngos(
                form.cleaned_data["file"].read(),
                user=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
    else:
        form = NGOImportForm()
    status = 400 if (form.is_bound and not form.is_valid()) or (report and not report.ok) else 200
    return render(
        request,
        "registry/admin/ngo_import.html",
        {"form": form, "report": report, "columns": ngo_table.COLUMNS},
        status=status,
    )
