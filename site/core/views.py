"""Site-wide views: the error view (a database that cannot be reached is a 503) and the
favicon that browsers ask for at /favicon.ico."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 15


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """500.html as Django would render it; 503.html with Retry-After while the database is
    down (a restart, a failover): the visitor is told to try again shortly, and a client or
    load balancer knows it is temporary. Neither template touches the database."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        logger.warning("Database unavailable: %s", error)
        response = HttpResponseServerError(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.render_to_string(template_name))


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on their own; the icon is an SVG among static files
    (resolved per request, so the hashed name of the deployed manifest is used; a 302,
    because browsers would keep a 301 to one hashed name for ever)."""
    return HttpResponseRedirect(static("img/favicon.svg"))
