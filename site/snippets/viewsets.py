"""Admin screens of the registries (Wagtail's own SnippetViewSet)."""

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from snippets.models import District, Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "Osoby"
    list_display = ["name", "position", "phone", "email"]
    search_fields = ["name", "position", "email"]
    ordering = ["sort_order", "name"]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = "Dzielnice"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    menu_label = "Kontakty i miejsca"
    menu_icon = "group"
    menu_order = 300
    items = (PersonViewSet, DistrictViewSet)
