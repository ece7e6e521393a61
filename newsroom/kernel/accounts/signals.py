"""Receivers for sign-in events: logging what happened, and the session and
lockout bookkeeping that must follow every login."""

import logging
import time

from newsroom.kernel.clients import client_ip

from . import policy, services

log = logging.getLogger("newsroom.kernel.accounts")


def log_failed_login(sender, credentials, request=None, **kwargs):
    """Every failed login is logged with the username and address; Django has
    already blanked the password in ``credentials``, and we never read it."""
    log.warning(
        "Failed login for username %r from %s",
        credentials.get("username", ""),
        client_ip(request) if request is not None else "no request",
    )


def log_lockout(sender, request, username, ip_address, **kwargs):
    log.warning(
        "Login locked out for username %r from %s after repeated failures",
        username,
        ip_address,
    )


def start_session(sender, request, user, **kwargs):
    """A new login starts the session's clocks, and forgets the failures
    recorded against this account (see services.login_failures_forget)."""
    if request is None:
        return
    now = time.time()
    request.session[policy.LOGIN_AT] = now
    request.session[policy.SEEN_AT] = now
    services.login_failures_forget(username=user.get_username())
