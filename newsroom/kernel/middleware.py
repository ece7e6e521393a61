"""Request guards that run before any view or database query."""

from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest


class RefuseNulBytesMiddleware:
    """Answer 400 to a request with a NUL byte in its path, query string or
    cookies.

    No reader or editor ever sends one, and PostgreSQL refuses any text with
    NUL in it, so letting one through turns a lookup (a preview token, an
    admin filter, a search term, a session key) into a server error. Refusing
    it here keeps every view from having to guard against it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            return HttpResponseBadRequest(
                "Bad request: NUL bytes are not allowed.", content_type="text/plain"
            )
        return self.get_response(request)


def has_nul(request) -> bool:
    query = request.META.get("QUERY_STRING", "")
    return (
        "\x00" in request.path_info
        or b"\x00" in unquote_to_bytes(query.replace("+", " "))
        or any("\x00" in f"{name}{value}" for name, value in request.COOKIES.items())
    )
