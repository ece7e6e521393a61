"""Staff passwords are at least 12 characters."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from newsroom.site.management.commands.load_demo import DEMO_USERS


def test_an_eleven_character_password_is_refused():
    with pytest.raises(ValidationError) as refused:
        validate_password("kx7-mq2-vz9")

    assert any("at least 12 characters" in m for m in refused.value.messages)


def test_a_twelve_character_password_is_long_enough():
    validate_password("kx7-mq2-vz9w")


def test_the_admin_password_change_form_refuses_a_short_password(client, editor):
    client.force_login(editor)

    response = client.post(
        "/admin/password_change/",
        {
            "old_password": "pw-editor-123",
            "new_password1": "kx7-mq2-vz9",
            "new_password2": "kx7-mq2-vz9",
        },
    )

    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password("pw-editor-123")


@pytest.mark.parametrize(("username", "password"), [u[:2] for u in DEMO_USERS])
def test_demo_passwords_meet_the_length_rule(username, password):
    assert len(password) >= 12
