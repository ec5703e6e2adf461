"""Rich text in API answers with absolute addresses, for a front end on another origin.

Wagtail renders `rich_text_format=html` (and `markdown`) with the site's own paths: a
page link as `/konsultacje/x/`, a document as `/documents/3/plan.pdf`, an image as
`/media/images/…`. Those resolve only on the portal's own origin, so every root-relative
`href`/`src` (and Markdown link or image target) is made absolute on the root URL of the
site the request is for (`Site.root_url`; `WAGTAILAPI_BASE_URL` outside a request).
Links already absolute (another site's page, an embed's provider) are left as they are;
`db_html` and `db_markdown` are the stored text and stay untouched.

Wagtail's serializers call `APIRichText.serialize` directly (fields, RichTextBlocks,
previews), so its two resolving formats are wrapped once at start-up (`install`) rather
than in every serializer; the request is known through `for_request`, which the API's
HTTP middleware enters around each /api/ view. Outside that (the public site's and the
admin's rich text never go through APIRichText; any other caller) the wrapped formats
give Wagtail's output unchanged: the rewriting is scoped to /api/ requests.
"""

import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

from wagtail.api.rich_text import APIRichText
from wagtail.models import Site

_request: ContextVar = ContextVar("api_rich_text_request", default=None)

# `href="/x"`, `src='/x'` (not `//host/x`, which is already absolute)
HTML_URL = re.compile(r"""(\s(?:href|src)\s*=\s*["'])/(?!/)""", re.IGNORECASE)
# `[text](/x)` and `![alt](/x)`
MARKDOWN_URL = re.compile(r"(\]\()/(?!/)")


@contextmanager
def for_request(request):
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


def site_root() -> str:
    request = _request.get()
    site = Site.find_for_request(request) if request is not None else None
    root = site.root_url if site is not None else settings.WAGTAILAPI_BASE_URL
    return root.rstrip("/")


def absolute_html(html: str) -> str:
    if "/" not in html:
        return html
    root = site_root()
    return HTML_URL.sub(lambda match: f"{match.group(1)}{root}/", html)


def absolute_markdown(text: str) -> str:
    if "](/" not in text:
        return text
    root = site_root()
    return MARKDOWN_URL.sub(lambda match: f"{match.group(1)}{root}/", text)


def install() -> None:
    """Wrap Wagtail's `html` and `markdown` rich text output (once)."""
    if getattr(APIRichText, "_portal_absolute_urls", False):
        return
    html = APIRichText._serialize_html
    markdown = APIRichText._serialize_markdown

    def serialize_html(value, *, features=None):
        output = html(value, features=features)
        return output if _request.get() is None else absolute_html(output)

    def serialize_markdown(value, *, features=None):
        output = markdown(value, features=features)
        return output if _request.get() is None else absolute_markdown(output)

    APIRichText._serialize_html = staticmethod(serialize_html)
    APIRichText._serialize_markdown = staticmethod(serialize_markdown)
    APIRichText._portal_absolute_urls = True
