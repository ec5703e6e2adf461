"""The portal's API endpoints: Wagtail's, limited to public content."""

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from api.filters import (
    PAGE_DATE_PARAMETERS,
    CheckedSearchFilter,
    PageDateFilter,
    PortalPageSearchFilter,
)
from api.renditions import PublicImageSerializer
from api.visibility import private_collection_ids, public_pages

# What a detail or find URL takes (of those the endpoint knows): the rest of the listing's
# parameters (offset, limit, filters) mean nothing there and are refused, not ignored.
# ("_" busts caches, "format" is DRF's renderer choice: both taken everywhere.)
DETAIL_PARAMETERS = frozenset({"fields", "rich_text_format", "site", "_", "format"})
FIND_PARAMETERS = frozenset({"site", "_", "format"})  # and the endpoint's find_query_parameters


def refuse_unknown(request, allowed) -> None:
    unknown = set(request.GET) - set(allowed)
    if unknown:
        raise BadRequestError(
            "query parameter is not an operation or a recognised field: "
            + ", ".join(sorted(unknown))
        )


class CheckedFindMixin:
    """Wagtail's `find/?id=`, with an id that is not a number answered as a bad request
    (Wagtail passes it to the database, whose ValueError would be a 500); detail and find
    URLs refuse parameters they do not take (Wagtail ignores them)."""

    def detail_view(self, request, pk):
        refuse_unknown(request, DETAIL_PARAMETERS & self.known_query_parameters)
        return super().detail_view(request, pk)

    def find_view(self, request):
        allowed = (FIND_PARAMETERS & self.known_query_parameters) | self.find_query_parameters
        refuse_unknown(request, allowed)
        return super().find_view(request)

    def find_object(self, queryset, request):
        pk = request.GET.get("id")
        if pk is not None and not (pk.isascii() and pk.isdigit()):
            raise BadRequestError("id must be a number (digits only)")
        return super().find_object(queryset, request)


class PublicPagesAPIViewSet(CheckedFindMixin, PagesAPIViewSet):
    """Pages: live and unrestricted only (list, detail, `find`, child_of, search)."""

    # The portal's search, not Wagtail's (api.filters.PortalPageSearchFilter); it orders
    # by relevance, so it stays the last filter.
    filter_backends = [
        *(f for f in PagesAPIViewSet.filter_backends if f is not SearchFilter),
        PageDateFilter,
        PortalPageSearchFilter,
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(PAGE_DATE_PARAMETERS)

    def get_base_queryset(self):
        try:
            site = SiteFilterValidator(
                site=self.request.GET.get("site"), request=self.request
            ).site_obj
        except ValueError as error:
            raise BadRequestError(str(error)) from error
        return public_pages(site)


class PublicDocumentsAPIViewSet(CheckedFindMixin, DocumentsAPIViewSet):
    """Documents outside private collections only."""

    webhook_events = False  # media, not records: webhooks announce pages and records

    filter_backends = [
        CheckedSearchFilter if f is SearchFilter else f for f in DocumentsAPIViewSet.filter_backends
    ]

    def get_queryset(self):
        return self.model.objects.exclude(collection__in=private_collection_ids()).order_by("id")


class PublicImagesAPIViewSet(CheckedFindMixin, ImagesAPIViewSet):
    """Images outside private collections only; their detail with renditions (api.renditions)."""

    webhook_events = False  # media, not records: webhooks announce pages and records

    base_serializer_class = PublicImageSerializer
    meta_fields = [*ImagesAPIViewSet.meta_fields, "renditions"]
    detail_only_fields = [*ImagesAPIViewSet.detail_only_fields, "renditions"]

    filter_backends = [
        CheckedSearchFilter if f is SearchFilter else f for f in ImagesAPIViewSet.filter_backends
    ]

    def get_queryset(self):
        return self.model.objects.exclude(collection__in=private_collection_ids()).order_by("id")
