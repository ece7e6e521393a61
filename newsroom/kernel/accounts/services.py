"""Writes for staff accounts: adding an authenticator app, and forgetting an
account's failed logins once its owner has proved who they are."""

import logging
import time

from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

log = logging.getLogger("newsroom.kernel.accounts")

DEVICE_NAME = "Authenticator app"


def login_failures_forget(*, username: str) -> int:
    """Clear the failed logins counted against ``username`` from every address.

    Called after a successful login. Failures against other accounts from the
    same address are kept until their cool-off ends, so signing in to one's
    own account never wipes the trail of guesses at someone else's.
    """
    deleted, _ = AccessAttempt.objects.filter(username=username).delete()
    return deleted


def totp_device_enrol(*, user, key: str, token: str) -> TOTPDevice:
    """Keep a new authenticator app for ``user``, once it has shown a code.

    ``key`` is the hex secret the enrolment page showed; ``token`` the code the
    app made from it. A wrong code raises ValidationError and saves nothing.
    The code is spent (``last_t``), so it cannot sign anyone in afterwards. A
    person has one app: enrolling again replaces the old one.
    """
    device = TOTPDevice(user=user, key=key, name=DEVICE_NAME, confirmed=True)
    device.full_clean(exclude=["user"])
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time()
    token = (token or "").strip()
    if not (token.isdigit() and totp.verify(int(token), device.tolerance)):
        raise ValidationError(
            "That code does not match. Type the code your app shows now.",
            code="wrong_code",
        )
    device.last_t = totp.t()
    device.drift = totp.drift
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device.save()
    log.info("User %r enrolled an authenticator app", user.get_username())
    return device
