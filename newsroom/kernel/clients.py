"""What a request says about where it came from, read the same way everywhere."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address a request came from, trusting only our own proxies.

    Each proxy appends the address it was reached from to X-Forwarded-For, so
    with N trusted proxies the client is the N-th entry from the right; what
    a client writes further left is its own claim and is ignored. With no
    trusted proxy the header is ignored altogether.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]
