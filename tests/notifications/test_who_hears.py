"""Who is notified of which workflow move, and never the one who made it."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from newsroom.articles.models import Article
from newsroom.notifications.models import Notification
from tests import factories

NOW = datetime(2025, 3, 10, 3, 0, tzinfo=UTC)
pytestmark = pytest.mark.django_db


def heard(event=None):
    notifications = Notification.objects.select_related("recipient")
    if event:
        notifications = notifications.filter(event=event)
    return sorted(n.recipient.username for n in notifications)


def test_a_submitted_piece_tells_every_editor_but_not_the_writer(
    piece, writer, editor, second_editor, chief, move
):
    outsider = factories.staff_user("plain", is_staff=True)
    gone = factories.staff_user("gone", is_active=False, is_superuser=True)
    direct = factories.staff_user("direct")
    direct.user_permissions.add(Permission.objects.get(codename="publish_article"))
    move(piece, writer, "submit")
    assert heard("submitted") == ["chief", "direct", "ed", "ed2"]
    assert outsider.notifications.count() == gone.notifications.count() == 0


def test_an_editor_who_submits_is_not_told_of_their_own_move(
    piece, editor, second_editor, move
):
    move(piece, editor, "submit")
    assert heard() == ["ed2"]


def test_sending_back_tells_the_bylines_and_the_creator_with_the_comment(
    piece, writer, editor, move
):
    creator = factories.staff_user("creator")
    Article.objects.filter(pk=piece.pk).update(created_by=creator)
    co_writer = factories.staff_user("cowriter")
    piece.authors.add(factories.author(user=co_writer))
    move(piece, writer, "submit")
    Notification.objects.all().delete()
    move(piece, editor, "send_back", comment="Name the dub studio.")
    assert heard("sent_back") == ["cowriter", "creator", "wr"]
    note = Notification.objects.get(recipient=writer)
    assert note.comment == "Name the dub studio."
    assert note.actor == editor
    assert note.sentence == f"ed sent “{piece.title}” back to you."


def test_publishing_tells_the_writers_and_not_the_editor(piece, writer, editor, move):
    piece.authors.add(factories.author(user=editor))
    move(piece, editor, "publish")
    assert heard() == ["wr"]
    assert Notification.objects.get().event == "published"


@time_machine.travel(NOW, tick=False)
def test_scheduling_tells_the_writers_the_time_in_japan(piece, writer, editor, move):
    move(piece, writer, "submit")
    Notification.objects.all().delete()
    move(piece, editor, "schedule", at=NOW + timedelta(days=1, hours=6))
    note = Notification.objects.get()
    assert (note.recipient, note.event) == (writer, "scheduled")
    # 09:00 UTC the next day is 18:00 in Tokyo.
    assert note.sentence.endswith("for 11 Mar 2025, 18:00 JST.")


@time_machine.travel(NOW, tick=False)
def test_approving_with_a_time_counts_as_scheduling(piece, writer, editor, move):
    move(piece, writer, "submit")
    Notification.objects.all().delete()
    move(piece, editor, "approve")
    assert heard() == []
    move(piece, editor, "schedule", at=NOW + timedelta(hours=2))
    assert heard("scheduled") == ["wr"]


def test_other_moves_tell_nobody(piece, writer, editor, move):
    move(piece, writer, "submit")
    move(piece, writer, "withdraw")
    move(piece, editor, "publish")
    Notification.objects.all().delete()
    move(piece, editor, "unpublish")
    move(piece, editor, "reopen")
    assert heard() == []


def test_a_refused_move_tells_nobody(piece, writer, editor, move):
    move(piece, writer, "submit")
    Notification.objects.all().delete()
    with pytest.raises(ValidationError, match="comment is required"):
        move(piece, editor, "send_back")
    assert heard() == []


def test_a_failing_listener_never_undoes_the_move(piece, writer, editor, move, caplog):
    with mock.patch(
        "newsroom.notifications.services.audience", side_effect=RuntimeError("boom")
    ):
        move(piece, writer, "submit")
    piece.refresh_from_db()
    assert piece.status == "in_review"
    assert "boom" in caplog.text
