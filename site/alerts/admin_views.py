"""Admin → Raporty → Powiadomienia e-mail: counts per topic for editors; the addresses
only for administrators, as an export recorded in the personal-data access record."""

import csv

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.urls import path
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from alerts.models import Frequency, SignUp, Subscriber, Subscription
from alerts.registry import DIMENSIONS, choices_of, kind_label
from core import audit
from core.models import PersonalDataAccess


def can_export(user) -> bool:
    return user.is_active and user.is_superuser


class CountsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "alerts/admin/counts.html"
    page_title = "Powiadomienia e-mail"
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        active = Subscription.objects.filter(subscriber__state=Subscriber.State.ACTIVE)
        frequencies = dict(Frequency.choices)
        rows = []
        for kind, frequency, count in (
            active.values_list("kind", "frequency").annotate(n=Count("pk")).order_by("kind")
        ):
            rows.append((kind_label(kind), frequencies.get(frequency, frequency), count))
        narrowed = []
        for name, (label, _param, _all) in DIMENSIONS.items():
            labels = dict(choices_of(name))
            for value, count in (
                active.exclude(**{name: ""})
                .values_list(name)
                .annotate(n=Count("pk"))
                .order_by(name)
            ):
                narrowed.append((label, labels.get(value, value), count))
        context.update(
            rows=rows,
            narrowed=narrowed,
            followed=active.exclude(item_pk="").count(),
            subscribers=Subscriber.objects.filter(state=Subscriber.State.ACTIVE).count(),
            pending=SignUp.objects.filter(confirmed_at__isnull=True).count(),
            can_export=can_export(self.request.user),
        )
        return context


def export(request):
    """The confirmed addresses as CSV (administrators only; recorded)."""
    if not can_export(request.user):
        raise PermissionDenied
    subscribers = Subscriber.objects.filter(state=Subscriber.State.ACTIVE).order_by("pk")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="powiadomienia-adresy.csv"'
    writer = csv.writer(response)
    writer.writerow(["Adres e-mail", "Potwierdzono", "Liczba subskrypcji"])
    rows = 0
    for subscriber in subscribers.annotate(n=Count("subscriptions")):
        writer.writerow([subscriber.email, subscriber.confirmed_at.isoformat(), subscriber.n])
        rows += 1
    audit.record(
        request, PersonalDataAccess.Action.EXPORT, Subscriber, rows=rows, export_format="csv"
    )
    return response


urlpatterns = [
    path("", CountsView.as_view(), name="counts"),
    path("eksport.csv", export, name="export"),
]
