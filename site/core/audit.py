"""Recording every look at, and every export of, residents' personal data.

Admin screens of submissions mix these into their views: the list (its names and
contacts are personal data too) records one row per page shown, with the number of rows
on it and the list's filters and search; the detail screen (inspect, and the edit screen
where a submission is handled) records one row per view; an export records one row with
the number of rows exported and the list's filters. An empty list showed nobody and
records nothing. Administrators
read the record in the admin (core.audit_views); `purge_personal_data` deletes entries
older than the retention period (core.retention).
"""

from wagtail.admin.views.generic import EditView, InspectView

from core.models import PersonalDataAccess


def record(request, action, model, *, object_id="", rows=1, export_format="", query=""):
    user = request.user
    return PersonalDataAccess.objects.create(
        user=user if user.is_authenticated else None,
        username=user.get_username() if user.is_authenticated else "",
        action=action,
        model_label=model._meta.label,
        object_id=str(object_id),
        rows=rows,
        export_format=export_format,
        query=(query or request.META.get("QUERY_STRING", ""))[:500],
    )


class AuditedIndexMixin:
    """For an IndexView: each list shown (also its results refreshed by the filters) is
    recorded with the rows on the page, each export with its row count; both with the
    list's filters."""

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.is_export:  # an export is recorded by as_spreadsheet, below
            rows = len(context["object_list"])
            if rows:
                record(self.request, PersonalDataAccess.Action.LIST, self.model, rows=rows)
        return response

    def as_spreadsheet(self, queryset, spreadsheet_format):
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        record(
            self.request,
            PersonalDataAccess.Action.EXPORT,
            self.model,
            rows=queryset.count(),
            export_format=spreadsheet_format,
        )
        return response


class AuditedDetailMixin:
    """For an InspectView or EditView: each GET of one submission is recorded."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200:
            record(
                request,
                PersonalDataAccess.Action.VIEW,
                self.model,
                object_id=self.kwargs.get("pk", ""),
            )
        return response


class AuditedInspectView(AuditedDetailMixin, InspectView):
    pass


class AuditedEditView(AuditedDetailMixin, EditView):
    pass
