"""Signed-in sessions end when idle or old, and on a password change."""

from datetime import timedelta

from django.test import Client

from .conftest import logged_in_username, post_login


def test_an_idle_admin_session_is_logged_out_with_a_message(client, editor, frozen):
    post_login(client, "ed", "pw-editor-123")
    frozen.shift(timedelta(minutes=61))

    response = client.get("/admin/newsroom/article/")

    assert response.status_code == 302
    assert response["Location"] == ("/admin/login/?next=/admin/newsroom/article/")
    login_page = client.get(response["Location"])
    assert "Your session has ended" in login_page.content.decode()
    assert logged_in_username(client) is None


def test_a_session_in_use_outlives_the_idle_timeout(client, editor, frozen):
    post_login(client, "ed", "pw-editor-123")
    for _ in range(6):
        frozen.shift(timedelta(minutes=50))
        assert logged_in_username(client) == "ed"


def test_a_session_ends_at_its_absolute_lifetime_even_in_use(client, editor, frozen):
    post_login(client, "ed", "pw-editor-123")
    for _ in range(23):
        frozen.shift(timedelta(minutes=30))
        assert logged_in_username(client) == "ed"

    frozen.shift(timedelta(minutes=31))

    assert logged_in_username(client) is None


def test_the_timeouts_follow_the_settings(client, editor, settings, frozen):
    settings.SESSION_IDLE_SECONDS = 5 * 60
    post_login(client, "ed", "pw-editor-123")
    frozen.shift(timedelta(minutes=4))
    assert logged_in_username(client) == "ed"

    frozen.shift(timedelta(minutes=6))

    assert logged_in_username(client) is None


def test_an_expired_session_on_a_reader_page_just_reads_as_signed_out(
    client, editor, make_article, frozen
):
    article = make_article()
    post_login(client, "ed", "pw-editor-123")
    frozen.shift(timedelta(hours=2))

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "_auth_user_id" not in client.session


def test_a_new_login_restarts_the_clock(client, editor, frozen):
    post_login(client, "ed", "pw-editor-123")
    frozen.shift(timedelta(hours=11))
    client.logout()
    post_login(client, "ed", "pw-editor-123")

    frozen.shift(timedelta(minutes=59))

    assert logged_in_username(client) == "ed"


def test_a_password_change_logs_out_every_other_session_but_this_one(client, editor):
    other = Client()
    post_login(client, "ed", "pw-editor-123")
    post_login(other, "ed", "pw-editor-123", ip="198.51.100.50")
    assert logged_in_username(other) == "ed"

    response = client.post(
        "/admin/password_change/",
        {
            "old_password": "pw-editor-123",
            "new_password1": "a-much-longer-passphrase",
            "new_password2": "a-much-longer-passphrase",
        },
    )

    assert response.status_code == 302
    assert logged_in_username(client) == "ed"
    assert logged_in_username(other) is None


def test_an_admin_resetting_someones_password_logs_them_out(client, editor, admin_user):
    theirs = Client()
    post_login(theirs, "ed", "pw-editor-123")
    client.force_login(admin_user)

    response = client.post(
        f"/admin/auth/user/{editor.pk}/password/",
        {
            "password1": "another-long-passphrase",
            "password2": "another-long-passphrase",
        },
    )

    assert response.status_code == 302
    assert logged_in_username(theirs) is None
    assert logged_in_username(client) == "admin"
