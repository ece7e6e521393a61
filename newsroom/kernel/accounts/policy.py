"""The rules of staff sign-in, read from settings: who the client is, who
needs a second factor, and how long a session may live."""

import time

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django_otp import user_has_device

# Session keys: when this login happened and when its owner last did anything.
LOGIN_AT = "accounts_login_at"
SEEN_AT = "accounts_seen_at"
# A busy editor's session is written at most once a minute for "last seen".
SEEN_RESOLUTION_SECONDS = 60


def two_factor_required(user) -> bool:
    """Whether settings oblige this person to sign in with an authenticator
    app (REQUIRE_2FA_FOR names groups, "superusers" or "staff")."""
    required = settings.REQUIRE_2FA_FOR
    if not required or not user.is_staff:
        return False
    if "staff" in required or ("superusers" in required and user.is_superuser):
        return True
    names = user.groups.values_list("name", flat=True)
    return any(name.lower() in required for name in names)


def second_factor_step(user) -> str | None:
    """What a signed-in person must still do before the admin is theirs:
    "verify" (type a code), "enrol" (add an app first) or None."""
    if not user.is_authenticated or user.is_verified():
        return None
    if user_has_device(user):
        return "verify"
    if two_factor_required(user):
        return "enrol"
    return None


def session_expired(session, now: float | None = None) -> bool:
    """Whether a signed-in session has sat idle too long or lived too long."""
    now = time.time() if now is None else now
    login_at = session.get(LOGIN_AT)
    seen_at = session.get(SEEN_AT)
    if login_at is not None and now - login_at > settings.SESSION_MAX_AGE_SECONDS:
        return True
    return seen_at is not None and now - seen_at > settings.SESSION_IDLE_SECONDS


def is_admin_path(request: HttpRequest) -> bool:
    return request.path.startswith(reverse("admin:index"))
