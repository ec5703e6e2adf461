"""Response headers that browsers enforce: Content Security Policy and Permissions-Policy.

The public site runs no JavaScript at all, so its policy allows no script but the site's
own files and no inline script or style. `<script type="application/ld+json">` is a data
block, never executed, so CSP does not apply to it. Wagtail's admin still renders a few
inline scripts (inline panels, date widgets) and style attributes: under the admin
prefix a looser policy holds, and only logged-in staff reach those pages.
"""

from django.conf import settings


def _serialise(policy: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in policy.items())


class SecurityHeadersMiddleware:
    """Adds CSP and Permissions-Policy to every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.public_policy = _serialise(settings.CSP_PUBLIC_POLICY)
        self.admin_policy = _serialise(settings.CSP_ADMIN_POLICY)
        self.admin_prefixes = tuple(settings.CSP_ADMIN_PATH_PREFIXES)
        self.csp_header = (
            "Content-Security-Policy-Report-Only"
            if settings.CSP_REPORT_ONLY
            else "Content-Security-Policy"
        )
        self.permissions_policy = ", ".join(
            f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENY
        )

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.admin_prefixes):
            policy = self.admin_policy
        else:
            policy = self.public_policy
        response.headers.setdefault(self.csp_header, policy)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response
