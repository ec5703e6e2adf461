"""Bench-only endpoints, answered before any of the project's middleware.

/__bench/bare/ returns the bytes of the file named by BENCH_BARE_BODY (the cached home
page's, written by bench/http.py): a bare Django answer of the same size, the reference
for the cached pages (issue 17, goal 6). /__bench/publish/ (POST) publishes the newest
announcement again, for the invalidation-under-load figure (goal 3).
"""

import os
from pathlib import Path

from django.http import HttpResponse


def _publish_newest_announcement() -> HttpResponse:
    from pages.consultations.models import AnnouncementPage

    page = AnnouncementPage.objects.live().order_by("-pk").first()
    if page is None:
        return HttpResponse("brak ogłoszeń", status=404)
    page.save_revision().publish()
    return HttpResponse("ok")


class BenchEndpointsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/__bench/bare/":
            body = Path(os.environ.get("BENCH_BARE_BODY", "/dev/null")).read_bytes()
            return HttpResponse(body, content_type="text/html; charset=utf-8")
        if request.path == "/__bench/publish/" and request.method == "POST":
            return _publish_newest_announcement()
        return self.get_response(request)
