"""Notification e-mail through a real SMTP server (aiosmtpd) the test starts,
sent by the real database worker, retried when the server is down."""

import socket
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsroom.articles import services
from newsroom.notifications import tasks
from newsroom.notifications.models import Notification
from newsroom.notifications.services import notification_preference_set

SITE = "https://shimbun.example"


class Mailbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted"

    def to(self, address):
        return [m for rcpt, m in self.messages if address in rcpt]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_port(settings):
    """A free local port the site's SMTP settings point at (nothing listens yet)."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = SITE
    return port


def start_server(port) -> tuple[Controller, Mailbox]:
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, mailbox


@pytest.fixture
def mailbox(smtp_port):
    controller, mailbox = start_server(smtp_port)
    yield mailbox
    controller.stop()


def moved(article, user, action, **kwargs):
    return lambda: services.article_transition(
        article=article, user=user, action=action, **kwargs
    )


def test_a_sent_back_piece_reaches_the_writer_by_smtp(
    mailbox, piece, writer, editor, second_editor, run_tasks
):
    run_tasks(moved(piece, writer, "submit"))
    run_tasks(moved(piece, editor, "send_back", comment="Name the dub studio."))

    # The editor without an address got nothing; the other editor heard of
    # the submission, the writer of the send-back.
    assert len(mailbox.messages) == 2
    (submitted,) = mailbox.to("ed2@example.test")
    assert submitted["Subject"] == "Waiting for review: Metallic Rouge dub cast"
    (message,) = mailbox.to("wr@example.test")
    assert message["To"] == "wr@example.test"
    assert message["Subject"] == "Sent back to you: Metallic Rouge dub cast"
    body = message.get_content()
    assert "Hello Rei Writer," in body
    assert "ed sent “Metallic Rouge dub cast” back to you." in body
    assert "Name the dub studio." in body
    assert f"{SITE}/admin/newsroom/article/{piece.pk}/change/" in body.split()
    assert Notification.objects.get(recipient=writer).emailed_at is not None


def test_writers_who_turned_email_off_get_none(
    mailbox, piece, writer, editor, run_tasks
):
    notification_preference_set(user=writer, by_email=False)
    run_tasks(moved(piece, editor, "publish"))
    assert Notification.objects.get(recipient=writer).event == "published"
    assert mailbox.messages == []


def test_turning_email_off_after_the_move_stops_the_queued_mail(
    mailbox, piece, writer, editor, django_capture_on_commit_callbacks, run_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        moved(piece, editor, "publish")()
    notification_preference_set(user=writer, by_email=False)
    run_tasks()
    assert mailbox.messages == []


def test_a_title_cannot_inject_mail_headers(mailbox, piece, writer, editor, run_tasks):
    piece.title = "Fine\r\nBcc: victim@example.test"
    piece.save()
    run_tasks(moved(piece, editor, "publish"))
    (message,) = mailbox.messages
    assert message[0] == ["wr@example.test"]
    assert message[1]["Bcc"] is None
    assert message[1]["Subject"] == "Published: Fine Bcc: victim@example.test"


def test_smtp_down_is_logged_retried_later_and_never_undoes_the_move(
    smtp_port, piece, writer, editor, run_tasks, caplog
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        run_tasks(moved(piece, editor, "publish"))
    piece.refresh_from_db()
    assert piece.is_live
    notification = Notification.objects.get(recipient=writer)
    assert notification.emailed_at is None
    assert "e-mail failed (try 1 of 5)" in caplog.text
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after == start + timedelta(minutes=1)

    controller, mailbox = start_server(smtp_port)
    try:
        with time_machine.travel(start + timedelta(seconds=30), tick=False):
            run_tasks()
        assert mailbox.messages == []  # not due yet
        with time_machine.travel(start + timedelta(minutes=2), tick=False):
            run_tasks()
    finally:
        controller.stop()
    (message,) = mailbox.to("wr@example.test")
    assert message["Subject"] == "Published: Metallic Rouge dub cast"
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_the_mail_gives_up_after_the_last_try(smtp_port, piece, editor, caplog):
    notification = Notification.objects.create(
        recipient=piece.authors.get().user, article=piece, event="published"
    )
    assert (
        tasks.notification_email.call(
            notification_id=notification.pk, attempt=tasks.ATTEMPTS
        )
        is False
    )
    assert "failed 5 times, giving up" in caplog.text
    assert not DBTaskResult.objects.exists()
