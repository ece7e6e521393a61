"""Admin pages for the second factor, and the page a locked-out login gets."""

import logging
import math
from base64 import b32encode
from binascii import unhexlify

import segno
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from newsroom.kernel.clients import client_ip

from . import policy, services
from .forms import CodeForm

log = logging.getLogger("newsroom.kernel.accounts")

# The secret offered on the enrolment page, kept until a code confirms it.
PENDING_KEY = "accounts_totp_pending_key"


def _next_url(request) -> str:
    """Where to go once this step is done: a local ?next=, else the admin."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _admin_page(request, template, context, status=200):
    context = admin.site.each_context(request) | context
    return render(request, template, context, status=status)


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
def two_factor_enrol(request):
    """Add an authenticator app: show its secret as a QR code and as text, and
    keep it once the person types a code the app made from it."""
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    key = request.session.get(PENDING_KEY)
    if not key:
        key = request.session[PENDING_KEY] = random_hex(20)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_device_enrol(
                user=user, key=key, token=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            del request.session[PENDING_KEY]
            otp_login(request, device)
            messages.success(
                request,
                "Your authenticator app is set up. The admin will ask "
                "for its code each time you log in.",
            )
            return redirect(_next_url(request))
    offered = TOTPDevice(user=user, key=key)
    qr = segno.make(offered.config_url, error="m")
    return _admin_page(
        request,
        "accounts/two_factor_enrol.html",
        {
            "title": "Two-factor sign-in",
            "form": form,
            "qr_svg": mark_safe(qr.svg_inline(scale=5, light="#fff", title="QR code")),
            "secret": _grouped(b32encode(unhexlify(key)).decode()),
            "enrolled": TOTPDevice.objects.filter(user=user, confirmed=True).first(),
            "required": policy.two_factor_required(user),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


@never_cache
def two_factor_verify(request):
    """The second step of logging in: the code from the person's app."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if user.is_verified():
        return redirect(_next_url(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "code",
                "Too many wrong codes in a row. Wait a little, then type "
                "the code your app shows now.",
            )
        elif verify_token(user, device.persistent_id, form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(_next_url(request))
        else:
            log.warning(
                "Wrong two-factor code for username %r from %s",
                user.get_username(),
                client_ip(request),
            )
            form.add_error(
                "code",
                "That code is wrong or already used. Type the code your app shows now.",
            )
    return _admin_page(
        request,
        "accounts/two_factor_verify.html",
        {
            "title": "Enter your code",
            "form": form,
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


def locked_out(request, original_response=None, credentials=None):
    """django-axes calls this for a refused login: the admin's own login page,
    with a plain message instead of the password check's usual error."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    message = (
        "Too many failed logins for this account or from this address. "
        f"Try again in {minutes} minutes, or ask an admin to unlock it."
    )
    return _admin_page(
        request,
        "accounts/locked_out.html",
        {
            "title": "Log in",
            "app_path": request.get_full_path(),
            "form": AdminAuthenticationForm(request),
            "next": request.POST.get("next") or request.GET.get("next", ""),
            "lockout_message": message,
        },
        status=429,
    )
