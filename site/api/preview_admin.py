"""The admin's side of external previews: an editor who may edit a page is sent to the
front end (HEADLESS_PREVIEW_URL) with a token for the page's latest saved revision.

The token names that revision only: what the editor saves afterwards needs a new preview.
Refused (with a message, back to the editor) for a page under a view restriction, since
the front end is outside the portal's access rules, and for a page with no saved revision
yet: a GET never writes, so the editor saves a draft first (the button is a link).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect

from wagtail.models import Page

from api.preview import is_public_by_restriction, preview_url


def enabled() -> bool:
    return bool(getattr(settings, "HEADLESS_PREVIEW_URL", ""))


def external_preview(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id)
    if not enabled() or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if not is_public_by_restriction(page):
        messages.error(
            request,
            "Podgląd w serwisie zewnętrznym jest niedostępny dla stron z ograniczonym "
            "dostępem (intranet, strefa NGO, hasło).",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    revision = page.latest_revision
    if revision is None:
        messages.error(
            request,
            "Najpierw zapisz wersję roboczą strony: podgląd pokazuje ostatnią zapisaną wersję.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return redirect(preview_url(revision))
