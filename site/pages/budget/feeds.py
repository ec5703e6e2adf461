"""The budget's feeds: RSS of new projects and decisions (each public status change),
and a GeoJSON of the public projects that have a point (public fields only)."""

import json

from django.http import HttpResponse

from core.feeds import EntryFeed


def project_feed(index_page, changes) -> EntryFeed:
    """New projects and decisions on them, newest first. CHANGES: the public projects'
    status changes (the index page gives them)."""
    return EntryFeed(
        index_page,
        changes,
        subject="project",
        title="nowe projekty i decyzje",
        description="Zgłoszone projekty i decyzje w ich ocenie, z jawnymi uzasadnieniami.",
        list_path="projekty/",
        item_path="projekty/{pk}/",
    )


class ImplementationFeed(EntryFeed):
    """Updates on the selected projects' realisation: the update's title and text."""

    def item_title(self, item):
        return f"{item.project.title}: {item.title}"

    def item_description(self, item):
        return item.text


def implementation_feed(index_page, updates) -> EntryFeed:
    """UPDATES: the published updates of public projects (the index page gives them)."""
    return ImplementationFeed(
        index_page,
        updates,
        subject="project",
        title="realizacja projektów",
        description="Aktualności z realizacji wybranych projektów: postęp, zdjęcia, dokumenty.",
        list_path="realizacja/",
        item_path="projekty/{pk}/",
        anchor="aktualnosc",
    )


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
