"""A person turns on two-factor sign-in in the admin, then logs in with it."""

from base64 import b32decode

from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def code_from(secret_text: str) -> str:
    """What an authenticator app given this secret would show now."""
    return f"{totp(b32decode(secret_text.replace(' ', ''))):06d}"


def log_in_with_password(page, site, username, password):
    page.goto(site + "/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_load_state()


def test_editor_enrols_an_app_and_then_logs_in_with_a_code(
    page, demo_site, time_machine
):
    # Time runs, but the test can step it past a spent code without sleeping.
    time_machine.move_to(timezone.now(), tick=True)
    log_in_with_password(page, demo_site, "editor", "shimbun-editor")

    page.get_by_role("link", name="Two-factor sign-in").click()
    page.wait_for_load_state()
    assert page.locator(".two-factor-qr svg").count() == 1
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Code from your app").fill(code_from(secret))
    page.get_by_role("button", name="Confirm and turn on").click()
    page.wait_for_load_state()
    assert "authenticator app is set up" in page.locator(".messagelist").inner_text()
    assert TOTPDevice.objects.filter(user__username="editor", confirmed=True).exists()

    page.locator("#logout-form button").click()
    page.wait_for_load_state()
    time_machine.shift(30)  # the next code; the one used above is spent
    log_in_with_password(page, demo_site, "editor", "shimbun-editor")
    assert "/admin/account/two-factor/verify/" in page.url
    page.get_by_label("Code from your app").fill(code_from(secret))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()

    assert page.url.rstrip("/").endswith("/admin")
    assert page.locator("#user-tools").get_by_text("editor").count() >= 1
    assert page.console.errors == []
