"""Even on a developer's machine (DEBUG) documents are never served as plain media files."""

import importlib

from django.test import override_settings
from django.urls import Resolver404, resolve
from django.views.static import serve

import pytest

from config import urls


@pytest.fixture
def debug_urls():
    with override_settings(DEBUG=True):
        module = importlib.reload(urls)
        yield module
    importlib.reload(urls)


def test_debug_serves_images_but_not_documents(debug_urls):
    match = resolve("/media/original_images/logo.png", urlconf=debug_urls)
    assert match.func is serve
    match = resolve("/media/images/logo.fill-100x100.png", urlconf=debug_urls)
    assert match.func is serve
    for path in ("/media/documents/tajny.txt", "/media/../documents/tajny.txt"):
        try:
            match = resolve(path, urlconf=debug_urls)
        except Resolver404:
            continue
        assert match.func is not serve, path
