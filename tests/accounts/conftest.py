"""Helpers for the staff-account tests: logging in through the admin's form,
as a person would, from a chosen address."""

from binascii import unhexlify

import pytest
from django_otp.oath import totp

LOGIN_URL = "/admin/login/?next=/admin/"


def post_login(client, username, password, ip="198.51.100.1"):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def logged_in_username(client):
    """Who the client's session belongs to, asked of the admin itself."""
    response = client.get("/admin/")
    if response.status_code != 200:
        return None
    return response.context["user"].get_username()


def code_for(hex_key: str, offset_steps: int = 0) -> str:
    """The code an authenticator app shows for this secret now (or a few
    30-second steps away)."""
    return f"{totp(unhexlify(hex_key), drift=offset_steps):06d}"


@pytest.fixture
def frozen(db):
    """Time that moves only when the test moves it."""
    import time_machine

    with time_machine.travel("2026-03-02 09:00:00+00:00", tick=False) as traveller:
        yield traveller
