"""Keep what a signed-in reader sees out of shared caches; hold back a session that
still owes its second factor."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from accounts import two_factor


class PrivateResponsesMiddleware:
    """Responses to signed-in users are private and not stored by proxies.

    Intranet and NGO-zone pages are rendered for one person; a proxy or CDN must
    never hand them to the next (anonymous) reader of the same URL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
        return response


class SecondFactorMiddleware:
    """A password alone opens nothing for whoever has or needs a second factor.

    After django-otp's OTPMiddleware: a signed-in user who has a device but has not
    entered its code in this session is sent to the verification page; one who must have
    a device (anyone with admin access) and has none is sent to enrolment. Only the
    login, logout, password-reset and second-factor pages themselves stay open, so an
    unverified session reads neither the admin nor the intranet nor the NGO zone.
    """

    # The pages themselves, by URL name: never by a path prefix, which a page of the tree
    # could share (/logowanie/<child>/ is Wagtail's if no view of accounts matches it).
    # Static files never get here: WhiteNoise answers them earlier.
    OPEN_URL_NAMES = frozenset(
        {
            "accounts:login",
            "accounts:logout",
            "accounts:second_factor_verify",
            "accounts:second_factor_enrol",
            "accounts:second_factor_new_codes",
            "accounts:password_reset",
            "accounts:password_reset_done",
            "accounts:password_reset_confirm",
            "accounts:password_reset_complete",
            "admin_login",
            "wagtailadmin_login",
            "wagtailadmin_logout",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_to = self._detour(request)
        if redirect_to is not None:
            return redirect(f"{redirect_to}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _detour(self, request) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        # The state loaded with the user for this request (accounts.backends: from the
        # database, or a fresh snapshot), before the path is resolved: most signed-in
        # readers (NGO partners, staff without a device) owe no second factor, and
        # resolving is the costlier of the two.
        if two_factor.had_second_factor_when_loaded(user):
            detour = "accounts:second_factor_verify"
        elif two_factor.requires_second_factor(user):
            detour = "accounts:second_factor_enrol"
        else:
            return None
        return None if self._is_open(request) else reverse(detour)

    def _is_open(self, request) -> bool:
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return False
        return match.view_name in self.OPEN_URL_NAMES
