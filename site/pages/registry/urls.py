"""Public URLs of the registry outside the page tree (see pages.registry.file_routes)."""

from django.urls import re_path

from wagtail import views as wagtail_views

from pages.registry.file_routes import FILE_ROUTES, route_for


def serve_file(request, page_path: str, filename: str):
    return wagtail_views.serve(request, f"{page_path}{route_for(filename)}")


_names = "|".join(name.replace(".", r"\.") for name in FILE_ROUTES)
urlpatterns = [
    re_path(
        rf"^(?P<page_path>(?:[\w\-]+/)+)(?P<filename>{_names})$",
        serve_file,
        name="registry_page_file",
    ),
]
