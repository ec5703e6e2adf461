"""The budget's feeds: RSS of new projects and decisions (each public status change),
and a GeoJSON of the public projects that have a point (public fields only)."""

import json

from django.contrib.syndication.views import Feed
from django.http import HttpResponse

FEED_ITEMS = 50


class ProjectFeed(Feed):
    """New projects and decisions on them, newest first."""

    def __init__(self, index_page, changes):
        """CHANGES: the public projects' status changes (the index page gives them)."""
        super().__init__()
        self.index_page = index_page
        self.changes = changes
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title} – nowe projekty i decyzje"

    def link(self):
        return self.request.build_absolute_uri(self.index_page.url + "projekty/")

    def description(self):
        return "Zgłoszone projekty i decyzje w ich ocenie, z jawnymi uzasadnieniami."

    def items(self):
        return self.changes.select_related("project").order_by("-at", "-pk")[:FEED_ITEMS]

    def item_title(self, item):
        return f"{item.project.title}: {item.status_label}"

    def item_description(self, item):
        return item.justification or item.get_stage_display()

    def item_link(self, item):
        return self.request.build_absolute_uri(f"{self.index_page.url}projekty/{item.project_id}/")

    def item_guid(self, item):
        return f"{self.item_link(item)}#zmiana-{item.pk}"

    def item_pubdate(self, item):
        return item.at


def project_features(request, index_page, projects) -> list[dict]:
    features = []
    for project in projects:
        features.append(
            {
                "type": "Feature",
                "id": project.pk,
                # GeoJSON (RFC 7946) is longitude first.
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(project.longitude), float(project.latitude)],
                },
                "properties": {
                    "title": project.title,
                    "status": project.status,
                    "status_label": project.get_status_display(),
                    "category": project.category,
                    "pool": project.pool.name,
                    "edition": project.edition.title,
                    "url": request.build_absolute_uri(f"{index_page.url}projekty/{project.pk}/"),
                },
            }
        )
    return features


def geojson_response(request, index_page, projects) -> HttpResponse:
    """PROJECTS: the public ones (the index page gives them); those with a point are shown."""
    projects = (
        projects.filter(latitude__isnull=False, longitude__isnull=False)
        .select_related("edition", "pool")
        .order_by("pk")
    )
    body = {
        "type": "FeatureCollection",
        "features": project_features(request, index_page, projects),
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/geo+json; charset=utf-8"
    )
