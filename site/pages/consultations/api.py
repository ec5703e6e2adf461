"""The consultations endpoint of the API: the pages endpoint narrowed to consultations,
filterable by their computed state (`?state=open`)."""

from api.views import PublicPagesAPIViewSet
from core.lifecycle_api import state_filter
from pages.consultations.models import ConsultationPage
from pages.consultations.state import CONSULTATION

# ?state=planned|open|closed|concluded|cancelled, evaluated at the request's moment.
ConsultationStateFilter = state_filter(CONSULTATION)


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
