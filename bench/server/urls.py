"""The site's URLs with one more: a minimal view returning 20 KB, the benchmark's ceiling."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler500  # noqa: F401 - the site's error view, here too
from config.urls import urlpatterns as site_urlpatterns

CEILING_BODY = (b"<p>" + b"x" * 96 + b"</p>\n") * 200  # 20,800 bytes


def ceiling(request):
    return HttpResponse(CEILING_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("__bench/ceiling/", ceiling), *site_urlpatterns]
