"""Previews of drafts in an external front end: a signed, short-lived token for one revision.

An editor who may edit a page asks the admin for a preview (api.preview_admin); the admin
signs {page, revision} with the site's SECRET_KEY (Django's signing, its own salt) and
sends the editor to HEADLESS_PREVIEW_URL with `?token=…`. The front end asks
`/api/v2/preview/?token=…` and gets that revision as the pages endpoint would show a
published page. The token is the only credential: no session or cookie is read, so the
answer is the same whoever presents it; it is refused when tampered with, when older than
HEADLESS_PREVIEW_SECONDS, when its revision is not the page's, when the page is not on the
site the request is for (a token from one site's editor opens nothing through another
site's host), and when the page lies under a view restriction (the intranet, the NGO
zone, a password) -- those are never shown outside the portal. Answers are `private,
no-store`: no cache keeps a draft. Nothing is written: a GET reads the signed revision.
"""

from django.conf import settings
from django.core import signing

from wagtail.models import Page, Revision

from api.endpoint import Forbidden, SimpleEndpoint
from api.views import PublicPagesAPIViewSet

SALT = "api.preview"


class Refused(Exception):
    pass


def preview_seconds() -> int:
    return int(getattr(settings, "HEADLESS_PREVIEW_SECONDS", 600))


def is_public_by_restriction(page) -> bool:
    """No view restriction on PAGE or its ancestors (drafts are what a preview is for)."""
    return not page.get_view_restrictions().exists()


def make_token(revision) -> str:
    return signing.dumps({"p": int(revision.object_id), "r": revision.pk}, salt=SALT)


def revision_for(token: str):
    """The revision TOKEN was signed for, or Refused with the reason."""
    try:
        data = signing.loads(token, salt=SALT, max_age=preview_seconds())
    except signing.SignatureExpired as error:
        raise Refused("token expired") from error
    except signing.BadSignature as error:
        raise Refused("token invalid") from error
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in "pr"):
        raise Refused("token invalid")
    revision = Revision.page_revisions.filter(pk=data["r"], object_id=str(data["p"])).first()
    if revision is None:
        raise Refused("revision not found")
    return revision


def preview_url(revision) -> str:
    base = getattr(settings, "HEADLESS_PREVIEW_URL", "")
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}token={make_token(revision)}"


class PreviewEndpoint(SimpleEndpoint):
    """/api/v2/preview/?token=…: one revision of a page, for the front end's preview."""

    name = "preview"
    tag = "Preview"
    summary = "Podgląd wersji roboczej strony (z podpisanym, krótko ważnym tokenem z panelu)"
    parameters = {
        "token": ("Token z panelu redakcyjnego (ważny kilka minut).", {"type": "string"}, True),
        "rich_text_format": (
            "Format tekstu sformatowanego (jak w `pages`).",
            {"enum": ["db_html", "html", "db_markdown", "markdown"]},
            False,
        ),
    }
    statuses = {
        403: "Token nieważny, przeterminowany, dla strony niepublicznej albo spoza serwisu, "
        "o który pyta żądanie.",
        404: "Żaden serwis nie odpowiada nazwie hosta.",
    }
    # The page as the pages endpoint shows it (its type in meta.type).
    response_schema = {"type": "object", "required": ["id", "meta", "title"]}
    headers = {"Cache-Control": "private, no-store"}

    @classmethod
    def payload(cls, request, site, params):
        try:
            revision = revision_for(params["token"])
        except Refused as error:
            raise Forbidden(str(error)) from error
        page = Page.objects.filter(pk=revision.object_id).first()
        if page is None or not page.path.startswith(site.root_page.path):
            raise Forbidden("page not on this site")
        if not is_public_by_restriction(page):
            raise Forbidden("page not previewable outside the portal")
        draft = revision.as_object()
        view = PublicPagesAPIViewSet()
        view.request = request
        view.args, view.kwargs, view.format_kwarg = (), {}, None
        view.action = "detail_view"
        view._cached_object = draft  # what get_object() returns: the revision, not live
        return view.get_serializer(draft).data
