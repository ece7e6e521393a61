"""The site's own error responses, served without touching the database.

A server error page must not need what may have failed: it renders a plain
template with no context processors (no navigation, no banner, no session).
When the failure is the database being out of reach (a restart, a failover),
readers and editors get "503 Service Unavailable" with ``Retry-After``, which
tells browsers, crawlers and CDNs that the page exists and to come back soon,
instead of a 500.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

from .observability import current_request_id

RETRY_AFTER_SECONDS = 30


def database_unreachable(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or what caused it) says the database could not be used.

    ``OperationalError`` covers refused and dropped connections and a server
    shutting down; ``InterfaceError`` a connection already closed under us.
    """
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _error_page(request, template_name: str, status: int) -> HttpResponse:
    """A standalone error page (no context processors, no database)."""
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "request_id": getattr(request, "id", current_request_id()),
    }
    body = loader.get_template(template_name).render(context)
    response = HttpResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _unavailable(request) -> HttpResponse:
    response = _error_page(request, "503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request, template_name="500.html"):
    """handler500: a 503 with Retry-After when the database is gone, else a 500."""
    if database_unreachable(sys.exc_info()[1]):
        return _unavailable(request)
    return _error_page(request, template_name, 500)


def bad_request(request, exception, template_name="400.html"):
    """handler400: a request the site cannot make sense of (a forged Host, a
    malformed upload).

    Django also answers 400 when it cannot write a session back
    (``SessionInterrupted``), taking any database error for a session deleted
    meanwhile. When the cause was the database being out of reach, that is
    the outage, and the answer is the outage's 503.
    """
    if database_unreachable(exception):
        return _unavailable(request)
    return _error_page(request, template_name, 400)


def permission_denied(request, exception, template_name="403.html"):
    """handler403: the server refused an action this account may not take."""
    return _error_page(request, template_name, 403)


def csrf_failure(request, reason="", template_name="403_csrf.html"):
    """CSRF_FAILURE_VIEW: a form sent without its token, most often because
    the page was open for a long time or cookies are blocked."""
    return _error_page(request, template_name, 403)
