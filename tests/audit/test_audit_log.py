"""The audit log in the admin: editors read it, writers cannot, nobody edits it."""

import pytest
from django.urls import reverse

from newsroom.kernel.audit import log
from newsroom.kernel.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

AUDIT_LIST = "/admin/audit/auditentry/"


def test_an_editor_publishes_and_finds_the_entry_in_the_audit_log(
    editor_client, make_article
):
    article = make_article(
        title="Rouge finale date", status="approved", publish_at=None
    )
    response = editor_client.post(
        reverse("admin:newsroom_article_move", args=[article.pk]), {"_move": "publish"}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_live

    listing = editor_client.get(AUDIT_LIST)
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "article_publish" in html
    assert "Rouge finale date" in html
    entry = AuditEntry.objects.get(action="article_publish")
    assert (entry.user.username, entry.object_id) == ("ed", str(article.pk))
    assert editor_client.get(AUDIT_LIST, {"q": "finale"}).status_code == 200


def test_a_writer_cannot_see_the_audit_log(client, writer, editor, make_article):
    log.record(user=editor, action="article_publish", obj=make_article())
    client.force_login(writer)
    assert client.get(AUDIT_LIST).status_code == 403
    entry = AuditEntry.objects.get()
    assert client.get(f"{AUDIT_LIST}{entry.pk}/change/").status_code == 403


def test_nobody_edits_or_deletes_an_entry(editor_client, editor, make_article):
    entry = log.record(user=editor, action="article_update", obj=make_article())
    assert editor_client.get(f"{AUDIT_LIST}add/").status_code == 403
    page = editor_client.get(f"{AUDIT_LIST}{entry.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = editor_client.post(
        f"{AUDIT_LIST}{entry.pk}/change/", {"action": "forged"}
    )
    assert response.status_code == 403
    assert editor_client.get(f"{AUDIT_LIST}{entry.pk}/delete/").status_code == 403
    entry.refresh_from_db()
    assert entry.action == "article_update"


def test_an_entry_costs_one_insert(editor, make_article, django_assert_num_queries):
    article = make_article()
    log.record(user=editor, action="warm-up", obj=article)  # content types cached
    with django_assert_num_queries(1):
        log.record(user=editor, action="article_update", obj=article)


def test_an_entry_without_a_user_is_the_system():
    entry = log.record(user=None, action="demo_load")
    assert entry.user is None
    assert "the system" in str(entry)
