"""The consultations endpoint of the API: the pages endpoint narrowed to consultations,
filterable by their computed state (`?state=open`)."""

from django.utils import timezone

from wagtail.api.v2.utils import BadRequestError

from rest_framework.filters import BaseFilterBackend

from api.views import PublicPagesAPIViewSet
from consultations.models import ConsultationPage
from consultations.models.consultation import state_q
from consultations.state import ConsultationState


class ConsultationStateFilter(BaseFilterBackend):
    """?state=planned|open|closed|concluded|cancelled, evaluated at the request's moment."""

    def filter_queryset(self, request, queryset, view):
        state = request.GET.get("state")
        if state is None:
            return queryset
        if state not in ConsultationState.values:
            raise BadRequestError("state must be one of: " + ", ".join(ConsultationState.values))
        return queryset.filter(state_q(state, timezone.now()))


class ConsultationsAPIViewSet(PublicPagesAPIViewSet):
    """Public consultations only, like the pages endpoint it narrows."""

    model = ConsultationPage
    name = "consultations"
    filter_backends = [ConsultationStateFilter, *PublicPagesAPIViewSet.filter_backends]
    known_query_parameters = PublicPagesAPIViewSet.known_query_parameters.union(["state"])
    listing_default_fields = [
        *PublicPagesAPIViewSet.listing_default_fields,
        "state",
        "opens_at",
        "closes_at",
    ]

    def get_queryset(self):
        # Narrow to consultations whatever `type` says: this endpoint serves nothing else.
        return ConsultationPage.objects.filter(
            pk__in=self.get_base_queryset().values_list("pk", flat=True)
        )
