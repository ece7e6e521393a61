"""Repeated failed logins lock out the account and the address (django-axes)."""

import logging
from datetime import timedelta

import pytest
from django.test import RequestFactory

from newsroom.kernel.clients import client_ip

from .conftest import logged_in_username, post_login

ATTACKER = "203.0.113.66"


def test_fifty_wrong_passwords_lock_the_account_until_the_cool_off(
    client, editor, frozen
):
    for _ in range(50):
        post_login(client, "ed", "not-the-password", ip=ATTACKER)

    response = post_login(client, "ed", "pw-editor-123", ip=ATTACKER)

    assert response.status_code == 429
    assert logged_in_username(client) is None
    frozen.shift(timedelta(minutes=16))
    response = post_login(client, "ed", "pw-editor-123", ip=ATTACKER)
    assert response.status_code == 302
    assert logged_in_username(client) == "ed"


def test_locked_out_page_looks_like_the_admin_login_and_says_why(
    client, editor, frozen
):
    for _ in range(5):
        response = post_login(client, "ed", "wrong-password", ip=ATTACKER)

    assert response.status_code == 429
    html = response.content.decode()
    assert 'id="login-form"' in html
    assert "Shimbun newsroom" in html
    assert "Too many failed logins" in html
    assert "Try again in 15 minutes" in html


def test_fewer_failures_than_the_limit_do_not_lock(client, editor, frozen):
    for _ in range(4):
        post_login(client, "ed", "wrong-password", ip=ATTACKER)

    assert post_login(client, "ed", "pw-editor-123", ip=ATTACKER).status_code == 302


def test_another_account_from_another_address_is_unaffected(
    client, editor, writer, frozen
):
    for _ in range(50):
        post_login(client, "ed", "wrong-password", ip=ATTACKER)

    response = post_login(client, "wr", "pw-writer-123", ip="198.51.100.20")

    assert response.status_code == 302
    assert logged_in_username(client) == "wr"


def test_guesses_from_many_addresses_still_lock_the_account(client, editor, frozen):
    for n in range(5):
        post_login(client, "ed", "wrong-password", ip=f"192.0.2.{n + 1}")

    response = post_login(client, "ed", "pw-editor-123", ip="192.0.2.99")

    assert response.status_code == 429
    assert logged_in_username(client) is None


def test_one_address_trying_many_accounts_is_locked_for_every_account(
    client, writer, frozen
):
    for n in range(5):
        post_login(client, f"someone-{n}", "password-guess", ip=ATTACKER)

    assert post_login(client, "wr", "pw-writer-123", ip=ATTACKER).status_code == 429
    assert (
        post_login(client, "wr", "pw-writer-123", ip="198.51.100.7").status_code == 302
    )


def test_a_successful_login_clears_its_own_accounts_failures(client, editor, frozen):
    for _ in range(4):
        post_login(client, "ed", "wrong-password", ip=ATTACKER)
    assert post_login(client, "ed", "pw-editor-123", ip=ATTACKER).status_code == 302
    client.logout()

    for _ in range(4):
        post_login(client, "ed", "wrong-password", ip=ATTACKER)

    assert post_login(client, "ed", "pw-editor-123", ip=ATTACKER).status_code == 302


def test_logging_in_to_ones_own_account_keeps_the_guesses_at_another(
    client, editor, writer, frozen
):
    for _ in range(4):
        post_login(client, "ed", "wrong-password", ip=ATTACKER)
    assert post_login(client, "wr", "pw-writer-123", ip=ATTACKER).status_code == 302
    client.logout()

    post_login(client, "ed", "wrong-password", ip=ATTACKER)

    assert post_login(client, "ed", "pw-editor-123", ip=ATTACKER).status_code == 429


def test_failed_logins_are_logged_with_username_and_address_not_password(
    client, editor, caplog
):
    with caplog.at_level(logging.WARNING, logger="newsroom.kernel.accounts"):
        post_login(client, "ed", "Secret-Guess-42", ip=ATTACKER)

    lines = [
        r.getMessage() for r in caplog.records if r.name == "newsroom.kernel.accounts"
    ]
    assert lines == [f"Failed login for username 'ed' from {ATTACKER}"]
    assert "Secret-Guess-42" not in caplog.text


def test_failed_logins_are_listed_for_admins_in_the_admin(client, editor, admin_user):
    post_login(client, "ed", "wrong-password", ip=ATTACKER)
    client.force_login(admin_user)

    response = client.get("/admin/axes/accessfailurelog/")

    assert response.status_code == 200
    assert ATTACKER in response.content.decode()
    assert "wrong-password" not in response.content.decode()


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "", "10.0.0.5"),
        (0, "203.0.113.9", "10.0.0.5"),  # no proxy of ours: the header is a claim
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # left part written by client
        (2, "203.0.113.9, 10.0.0.9", "203.0.113.9"),
        (2, "10.0.0.9", "10.0.0.5"),  # fewer hops than proxies: not trusted
    ],
)
def test_client_address_comes_only_from_trusted_proxies(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    meta = {"REMOTE_ADDR": "10.0.0.5"}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded

    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_behind_a_proxy_a_forged_forwarded_header_does_not_escape_a_lockout(
    client, editor, settings, frozen
):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        client.post(
            "/admin/login/",
            {"username": f"user-{n}", "password": "guess-guess"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, {ATTACKER}",
        )

    response = client.post(
        "/admin/login/",
        {"username": "ed", "password": "pw-editor-123"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=f"9.9.9.9, {ATTACKER}",
    )

    assert response.status_code == 429
