"""The notifications page: one's own only, newest first, read by opening,
"mark all as read", the e-mail switch, and the unread count in the header."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.kernel.audit.models import AuditEntry
from newsroom.notifications.models import Notification, Preference
from tests import factories
from tests.queries import assert_flat_queries

LIST = reverse("admin:notifications_notification_changelist")


def notify(recipient, article, *, event="sent_back", ago=0, **fields):
    return Notification.objects.create(
        recipient=recipient,
        article=article,
        event=event,
        created_at=timezone.now() - timedelta(minutes=ago),
        **fields,
    )


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


def test_the_list_shows_ones_own_newest_first_with_unread_marked(
    writer_client, writer, editor, piece
):
    older = notify(writer, piece, ago=10, actor=editor, comment="Fix the <b>dek</b>.")
    newer = notify(writer, piece, event="published", ago=1, actor=editor)
    notify(editor, piece, event="submitted")
    older.read_at = timezone.now()
    older.save()

    response = writer_client.get(LIST)
    html = response.content.decode()
    page = list(response.context["page_obj"])
    assert page == [newer, older]
    assert html.count('class="notification unread"') == 1
    assert f'id="notification-{newer.pk}" class="notification unread"' in html
    assert "Fix the &lt;b&gt;dek&lt;/b&gt;." in html
    assert "submitted" not in html
    assert "(1 unread)" in html


def test_opening_one_marks_it_read_and_goes_to_the_article(
    writer_client, writer, piece
):
    note = notify(writer, piece)
    response = writer_client.post(
        reverse("admin:notifications_notification_open", args=[note.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:newsroom_article_change", args=[piece.pk]
    )
    note.refresh_from_db()
    assert note.read_at is not None
    assert "unread" not in writer_client.get(LIST).content.decode().split("<main")[1]


def test_someone_elses_notification_is_not_found(writer_client, editor, piece):
    theirs = notify(editor, piece, event="submitted")
    for name in ["open", "change", "history"]:
        url = reverse(f"admin:notifications_notification_{name}", args=[theirs.pk])
        method = writer_client.post if name == "open" else writer_client.get
        assert method(url).status_code == 404, name
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_needs_a_post(writer_client, writer, piece):
    note = notify(writer, piece)
    url = reverse("admin:notifications_notification_open", args=[note.pk])
    assert writer_client.get(url).status_code == 405
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_as_read_touches_only_ones_own(writer_client, writer, editor, piece):
    for n in range(3):
        notify(writer, piece, ago=n)
    theirs = notify(editor, piece, event="submitted")
    response = writer_client.post(
        reverse("admin:notifications_notification_read_all"), follow=True
    )
    assert "3 notifications marked as read." in response.content.decode()
    assert not Notification.objects.unread().filter(recipient=writer).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_email_can_be_turned_off_and_on(writer_client, writer):
    url = reverse("admin:notifications_notification_email")
    response = writer_client.post(url, {}, follow=True)
    assert "only show here, with no e-mail" in response.content.decode()
    assert Preference.objects.get(user=writer).by_email is False
    page = writer_client.get(LIST).content.decode()
    assert 'name="by_email"' in page and "checked" not in page.split("by_email")[1]
    writer_client.post(url, {"by_email": "on"})
    assert Preference.objects.get(user=writer).by_email is True
    assert AuditEntry.objects.filter(action="notification_preference_set").count() == 2


def test_a_bad_page_number_is_the_last_page_not_an_error(writer_client, writer, piece):
    for n in range(35):
        notify(writer, piece, ago=n)
    for page in ["abc", "99", "-1", "1.5"]:
        assert writer_client.get(LIST, {"page": page}).status_code == 200


def test_notifications_cannot_be_added_or_changed(writer_client, writer, piece):
    note = notify(writer, piece)
    assert (
        writer_client.get(reverse("admin:notifications_notification_add")).status_code
        == 403
    )
    delete = reverse("admin:notifications_notification_delete", args=[note.pk])
    assert writer_client.post(delete, {"post": "yes"}).status_code in {403, 404}
    assert Notification.objects.filter(pk=note.pk).exists()


def test_signed_out_visitors_are_sent_to_the_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_list_costs_the_same_with_twice_the_notifications(
    writer_client, writer, editor, make_article
):
    def grow():
        for n in range(12):
            article = make_article(authors=[factories.author()])
            notify(writer, article, ago=n, actor=editor, comment="Look again.")
            notify(
                writer,
                article,
                event="scheduled",
                actor=None,
                publish_at=timezone.now(),
            )

    grow()
    assert_flat_queries(writer_client, LIST, grow)


def test_the_list_and_an_admin_page_with_the_header_count_are_cheap(
    writer_client, writer, editor, make_article, django_assert_max_num_queries
):
    for n in range(60):
        notify(writer, make_article(), ago=n, actor=editor)
    writer_client.get(LIST)
    with django_assert_max_num_queries(10):
        response = writer_client.get(LIST)
    assert "(60 unread)" in response.content.decode()
    index = reverse("admin:index")
    writer_client.get(index)
    with django_assert_max_num_queries(12) as captured:
        response = writer_client.get(index)
    assert "(60 unread)" in response.content.decode()
    counts = [q["sql"] for q in captured.captured_queries if "notification" in q["sql"]]
    assert len(counts) == 1, counts
