"""Staff add an authenticator app and the admin login asks for its code."""

import logging
import re
from base64 import b32decode
from binascii import hexlify
from datetime import timedelta

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.kernel.accounts.policy import two_factor_required
from newsroom.kernel.accounts.views import PENDING_KEY

from .conftest import code_for, logged_in_username, post_login

ENROL = "/admin/account/two-factor/"
VERIFY = "/admin/account/two-factor/verify/"


def enrol(client, user):
    """Log ``user`` in with the password and add an app; returns its secret."""
    client.force_login(user)
    client.get(ENROL)
    key = client.session[PENDING_KEY]
    response = client.post(ENROL, {"code": code_for(key)})
    assert response.status_code == 302
    return key


def test_enrol_page_shows_a_qr_code_and_the_secret_as_text(client, editor):
    client.force_login(editor)

    response = client.get(ENROL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html
    # Ready for a strict Content-Security-Policy: no inline script or style.
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    assert not re.search(r"\sstyle=|\son[a-z]+=", html)
    key = client.session[PENDING_KEY]
    shown = response.context["secret"].replace(" ", "")
    assert hexlify(b32decode(shown)).decode() == key
    assert response["Cache-Control"].startswith("max-age=0")


def test_enrolling_with_a_code_from_the_app_adds_a_confirmed_device(
    client, editor, frozen
):
    enrol(client, editor)

    device = TOTPDevice.objects.get(user=editor)
    assert device.confirmed
    assert PENDING_KEY not in client.session
    # The session that just proved the code goes straight on.
    assert logged_in_username(client) == "ed"


def test_enrolling_with_a_wrong_code_saves_nothing(client, editor, frozen):
    client.force_login(editor)
    client.get(ENROL)
    key = client.session[PENDING_KEY]

    response = client.post(ENROL, {"code": code_for(key, offset_steps=5)})

    assert response.status_code == 200
    assert "does not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert client.session[PENDING_KEY] == key


@pytest.mark.parametrize("code", ["", "abcdef", "12", "1" * 30])
def test_enrolling_with_malformed_input_is_a_form_error(client, editor, code):
    client.force_login(editor)

    response = client.post(ENROL, {"code": code})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not TOTPDevice.objects.exists()


def test_enrol_page_needs_a_staff_login(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="x" * 12)

    assert client.get(ENROL).status_code == 302
    client.force_login(reader)
    assert client.get(ENROL).status_code == 302


def test_login_with_a_device_asks_for_the_code_before_the_admin(client, editor, frozen):
    key = enrol(client, editor)
    client.logout()
    frozen.shift(timedelta(seconds=60))

    response = post_login(client, "ed", "pw-editor-123")
    assert response.status_code == 302
    response = client.get("/admin/newsroom/article/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert logged_in_username(client) is None

    response = client.post(
        VERIFY, {"code": code_for(key), "next": "/admin/newsroom/article/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/newsroom/article/"
    assert logged_in_username(client) == "ed"


def test_the_login_page_passes_its_next_on_to_the_code_step(client, editor, frozen):
    """Someone past the password step who opens a bookmarked login link still
    lands where the link pointed once the code is given."""
    enrol(client, editor)
    client.logout()
    frozen.shift(timedelta(seconds=60))
    post_login(client, "ed", "pw-editor-123")

    response = client.get("/admin/login/?next=/admin/newsroom/article/")

    assert response.status_code == 302
    assert response["Location"] == VERIFY + "?next=%2Fadmin%2Fnewsroom%2Farticle%2F"


def test_a_wrong_code_is_refused(client, editor, frozen):
    key = enrol(client, editor)
    client.logout()
    frozen.shift(timedelta(seconds=60))
    post_login(client, "ed", "pw-editor-123")

    response = client.post(VERIFY, {"code": code_for(key, offset_steps=4)})

    assert response.status_code == 200
    assert "wrong or already used" in response.content.decode()
    assert logged_in_username(client) is None


def test_a_code_already_used_is_refused(client, editor, frozen):
    key = enrol(client, editor)  # spends the current code
    client.logout()
    post_login(client, "ed", "pw-editor-123")

    response = client.post(VERIFY, {"code": code_for(key)})

    assert response.status_code == 200
    assert "wrong or already used" in response.content.decode()
    assert logged_in_username(client) is None


def test_wrong_codes_slow_down_further_tries(client, editor, frozen):
    key = enrol(client, editor)
    client.logout()
    frozen.shift(timedelta(seconds=60))
    post_login(client, "ed", "pw-editor-123")
    client.post(VERIFY, {"code": code_for(key, offset_steps=4)})

    refused = client.post(VERIFY, {"code": code_for(key)})
    assert "Too many wrong codes" in refused.content.decode()
    frozen.shift(timedelta(seconds=2))
    assert client.post(VERIFY, {"code": code_for(key)}).status_code == 302


def test_a_password_alone_does_not_count_as_signed_in_on_reader_pages(
    client, editor, make_article, frozen
):
    enrol(client, editor)
    client.logout()
    post_login(client, "ed", "pw-editor-123")

    response = client.get(make_article().get_absolute_url())

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]


def test_without_a_requirement_staff_log_in_with_a_password_only(client, editor):
    assert post_login(client, "ed", "pw-editor-123").status_code == 302
    assert logged_in_username(client) == "ed"


def test_when_editors_must_use_it_an_editor_is_sent_to_enrol(client, editor, settings):
    settings.REQUIRE_2FA_FOR = ["editors"]
    post_login(client, "ed", "pw-editor-123")

    for path in ("/admin/", "/admin/newsroom/article/", "/admin/password_change/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(ENROL)
    assert client.get(ENROL).status_code == 200


def test_when_editors_must_use_it_a_writer_is_unaffected(client, writer, settings):
    settings.REQUIRE_2FA_FOR = ["editors"]
    post_login(client, "wr", "pw-writer-123")

    assert logged_in_username(client) == "wr"


def test_an_editor_who_enrols_under_the_requirement_can_work(
    client, editor, settings, frozen
):
    settings.REQUIRE_2FA_FOR = ["editors"]
    post_login(client, "ed", "pw-editor-123")
    client.get(ENROL)
    key = client.session[PENDING_KEY]

    response = client.post(ENROL, {"code": code_for(key), "next": "/admin/"})

    assert response["Location"] == "/admin/"
    assert logged_in_username(client) == "ed"


@pytest.mark.parametrize(
    ("required", "who", "expected"),
    [
        ([], "editor", False),
        (["editors"], "editor", True),
        (["editors"], "writer", False),
        (["editors"], "admin", False),
        (["editors", "superusers"], "admin", True),
        (["staff"], "writer", True),
        (["staff"], "reader", False),
    ],
)
def test_who_must_use_two_factor_follows_the_setting(
    settings, editor, writer, admin_user, django_user_model, required, who, expected
):
    settings.REQUIRE_2FA_FOR = required
    people = {
        "editor": editor,
        "writer": writer,
        "admin": admin_user,
        "reader": django_user_model.objects.create_user("reader"),
    }

    assert two_factor_required(people[who]) is expected


def test_admins_can_see_and_remove_devices_but_not_their_secrets(
    client, editor, admin_user, frozen
):
    key = enrol(client, editor)
    client.force_login(admin_user)
    device = TOTPDevice.objects.get(user=editor)

    listing = client.get("/admin/otp_totp/totpdevice/")
    change = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")

    assert listing.status_code == change.status_code == 200
    assert key not in change.content.decode()


def test_a_wrong_code_is_logged_with_username_and_address(
    client, editor, frozen, caplog
):
    key = enrol(client, editor)
    client.logout()
    frozen.shift(timedelta(seconds=60))
    post_login(client, "ed", "pw-editor-123", ip="198.51.100.9")
    wrong = code_for(key, offset_steps=4)

    with caplog.at_level(logging.WARNING, logger="newsroom.kernel.accounts"):
        client.post(VERIFY, {"code": wrong}, REMOTE_ADDR="198.51.100.9")

    assert "Wrong two-factor code for username 'ed' from 198.51.100.9" in (caplog.text)
    assert wrong not in caplog.text
