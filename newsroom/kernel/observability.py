"""Request ids on every log line, and logs that do not repeat themselves.

Each request gets an id (a proxy's ``X-Request-ID`` when it sends a sane one,
otherwise a new one). It is sent back in the response header of the same name,
printed on error pages and attached to every log record written while the
request runs, so a reader's "error reference" leads to the log lines, and an
error tracker can group by it.
"""

import contextvars
import logging
import re
import threading
import time
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
_request_id = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    """The id of the request being served on this thread, or "-" outside one."""
    return _request_id.get()


class RequestIdMiddleware:
    """Give each request an id, expose it as ``request.id`` and in the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        request.id = offered if _SANE_ID.fullmatch(offered) else uuid.uuid4().hex
        token = _request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[REQUEST_ID_HEADER] = request.id
        return response


class RequestIdFilter(logging.Filter):
    """Put the current request's id on every record as ``request_id``."""

    def filter(self, record):
        record.request_id = current_request_id()
        return True


class OncePerWindowFilter(logging.Filter):
    """Let one record of a kind through per window (per process).

    An outage of a shared service (the cache) fails every request the same
    way; one line says so, instead of one per request. The window restarts
    after it has passed, so a long outage is still mentioned now and then.
    """

    def __init__(self, seconds: float = 300.0):
        super().__init__()
        self.seconds = float(seconds)
        self._last: dict[tuple, float] = {}
        self._lock = threading.Lock()

    def filter(self, record):
        key = (record.name, record.levelno, record.msg)
        now = time.monotonic()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self.seconds:
                return False
            self._last[key] = now
        return True
