"""The root of a restricted area (the intranet, the NGO partners' zone).

A page type outside `pages/` on purpose: moving it to another app label would need a
data migration (its table, content type and permissions), so it stays here with the
access rules it exists for.
"""

from collections.abc import Sequence

from django.db import models
from django.db.models import F
from django.http import Http404

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core import prepared_queries, request_memo
from core.blocks import BodyBlock
from core.models import BasePage
from core.page_panels import PagePanel, panels_for

NGO_PROFILE_HOOK = "serve_ngo_profile"
# Lists other apps add to a section's page (e.g. councils' opinion requests by deadline):
# each hook takes (request, section) and returns a SectionPanel or None (not for this
# section or this reader). The section's view restriction has already admitted the reader.
SECTION_PANELS_HOOK = "section_page_panels"


# One list on a section's page (core.page_panels, under the section's own hook).
SectionPanel = PagePanel


def _live_children_with_summaries(parent_path, depth):
    # The pages get_children() finds (the depth below, paths under the parent's: treebeard
    # asks for a range, `startswith` is what core.prepared_queries can fill), live, in
    # tree order, with the standard pages' summaries. Compiled once: every visit of a
    # section's front page runs it.
    children = Page.objects.filter(path__startswith=parent_path, depth=depth)
    return children.live().order_by("path").annotate(standard_summary=F("standardpage__summary"))


class SectionPage(RoutablePageMixin, BasePage):
    """A section whose readers are set by a view restriction (Prywatność → grupy).

    Its pages are ordinary page types; its documents are those of one collection,
    which carries the same restriction, so files are checked as the pages are.
    """

    body = StreamField(BodyBlock(), blank=True, verbose_name="Treść")
    documents_collection = models.ForeignKey(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Kolekcja dokumentów",
        help_text="Dokumenty tej kolekcji są wymienione na stronie sekcji. Kolekcja "
        "powinna mieć takie samo ograniczenie dostępu jak sekcja.",
    )

    ngo_self_service = models.BooleanField(
        "Formularz zmian danych organizacji",
        default=False,
        help_text="Partnerzy NGO zgłaszają tu zmiany danych swojej organizacji w rejestrze "
        "(podstrona „moja-organizacja”).",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        FieldPanel("documents_collection"),
        FieldPanel("ngo_self_service"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "Strefa z ograniczonym dostępem"
        verbose_name_plural = "Strefy z ograniczonym dostępem"

    def documents(self) -> Sequence:
        """The newest hundred documents of the section's collection, newest first (a
        query compiled once: every visit of a section's front page runs it), read at
        their first use with the other queries the page queued (core.prepared_queries
        .later)."""
        from wagtail.documents import get_document_model

        if self.documents_collection_id is None:
            return []

        def newest(collection_id):
            documents = get_document_model().objects.filter(collection_id=collection_id)
            return documents.order_by("-created_at")[:100]

        name = f"section-documents:{get_document_model()._meta.label_lower}"
        return prepared_queries.later(name, newest, self.documents_collection_id)

    def _children(self):
        # Queued (core.prepared_queries.later): read with the page's other lists.
        if not self.numchild:
            return []  # as treebeard's get_children(): a leaf asks nothing
        return prepared_queries.later(
            "section-children", _live_children_with_summaries, self.path, self.depth + 1
        )

    def listed_children(self) -> list:
        """The live subpages in tree order with their summaries, in one query: the summary
        is joined from the table of the one type a section holds (subpage_types); a child
        of another type (made in code, not the admin) is read as its own type (a query
        each)."""
        return self._listed(self._children())

    @staticmethod
    def _listed(children) -> list:
        """CHILDREN (as `_children()` read them) with their summaries."""
        listed = []
        for child in children:
            if child.standard_summary is None:
                listed.append(child.specific)
            else:
                child.summary = child.standard_summary
                listed.append(child)
        return listed

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The documents and the children queued first, so that they are read in one round
        # trip with a panel's query (the councils' opinion requests), or with each other.
        context["documents"] = self.documents()
        children = self._children()
        context["panels"] = panels_for(request, self, SECTION_PANELS_HOOK)
        context["children"] = request_memo.readable_by(request, self._listed(children))
        return context

    @path("moja-organizacja/", name="ngo_profile")
    def ngo_profile(self, request):
        if not self.ngo_self_service:
            raise Http404
        # Served by accounts.ngo_views, which imports this model: it is found through the
        # hook it registers (accounts/wagtail_hooks.py), so this module needs no import of it.
        [view] = hooks.get_hooks(NGO_PROFILE_HOOK)
        return view(request, self)
