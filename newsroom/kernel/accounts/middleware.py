"""Two gates every signed-in request passes: the session's age, then the
second factor. Both sit after Django's auth and django-otp's middleware."""

import time

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import policy


class SessionLifetimeMiddleware:
    """Log out a session idle for longer than SESSION_IDLE_SECONDS or older
    than SESSION_MAX_AGE_SECONDS, checked on the server at every request.

    The admin then asks for the login again, saying why; a reader page just
    carries on for the visitor as a signed-out reader.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session = request.session
            now = time.time()
            if policy.session_expired(session, now):
                logout(request)
                if policy.is_admin_path(request):
                    messages.info(
                        request,
                        "Your session has ended, to keep your account safe. "
                        "Please log in again.",
                    )
                    return redirect_to_login(
                        request.get_full_path(), reverse("admin:login")
                    )
            else:
                # Sessions from before this check existed start counting now.
                session.setdefault(policy.LOGIN_AT, now)
                seen_at = session.get(policy.SEEN_AT)
                if seen_at is None or now - seen_at >= policy.SEEN_RESOLUTION_SECONDS:
                    session[policy.SEEN_AT] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """Hold a signed-in person at the code page (or the enrolment page, when
    settings require an app they have not added) until that step is done.

    In the admin every other address redirects there; on reader pages the
    person is treated as signed out, so a password alone grants nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = policy.second_factor_step(request.user)
        if step is None:
            return self.get_response(request)
        if not policy.is_admin_path(request):
            request.user = AnonymousUser()
            return self.get_response(request)
        target = reverse(
            "accounts:two-factor-verify"
            if step == "verify"
            else "accounts:two-factor-enrol"
        )
        login = reverse("admin:login")
        if request.path == login and request.method == "GET" and "next" in request.GET:
            # The admin's login page would send a signed-in user to its index
            # and drop ?next=; the next step keeps it instead.
            wanted = request.GET["next"]
            return redirect(f"{target}?{urlencode({'next': wanted})}")
        if request.path in {target, reverse("admin:logout"), login}:
            return self.get_response(request)
        if step == "enrol":
            messages.warning(
                request,
                "Your role needs two-factor sign-in. Add an authenticator app "
                "to continue.",
            )
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
