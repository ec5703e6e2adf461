"""Keep what a signed-in reader sees out of shared caches."""

from django.utils.cache import add_never_cache_headers, patch_vary_headers


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
