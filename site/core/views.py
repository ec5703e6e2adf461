"""The error view for uncaught exceptions: a database that cannot be reached is a 503."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

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
