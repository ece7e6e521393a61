from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsroom.articles import services
from newsroom.articles.models import Article, PreviewLink, Revision
from tests import factories
from tests.newsroom.test_admin import article_form_data

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:newsroom_article_change", args=[article.pk])


def form_data_from(response, **changes):
    """What the browser would send back: the form as loaded, with edits."""
    form = response.context["adminform"].form
    article = form.instance
    data = article_form_data(
        article.section,
        article.authors.first(),
        title=article.title,
        slug=article.slug,
        dek=article.dek,
        body=article.body,
        tags=list(article.tags.names()),
        base_version=form["base_version"].value(),
    )
    if article.publish_at:
        local = timezone.localtime(article.publish_at)
        data["publish_at_0"] = local.strftime("%Y-%m-%d")
        data["publish_at_1"] = local.strftime("%H:%M:%S.%f")
    return data | changes


@pytest.fixture
def second_editor(roles):
    return factories.staff_user(
        "aiko",
        "pw-aiko-12345",
        groups=[roles["Editors"]],
        first_name="Aiko",
        last_name="Brandt",
    )


def test_second_of_two_concurrent_saves_is_refused_and_keeps_its_text(
    editor, second_editor, make_article
):
    article = make_article(body="Original body.")
    first, second = Client(), Client()
    first.force_login(second_editor)
    second.force_login(editor)
    form_one = first.get(change_url(article))
    form_two = second.get(change_url(article))

    saved = first.post(
        change_url(article), form_data_from(form_one, body="Aiko's corrected body.")
    )
    assert saved.status_code == 302

    refused = second.post(
        change_url(article), form_data_from(form_two, body="My competing body.")
    )
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Aiko Brandt saved this article at" in html
    assert "My competing body." in html  # the second editor's text is kept
    assert "Aiko&#x27;s corrected body." in html  # and the saved one is shown
    article.refresh_from_db()
    assert article.body == "Aiko's corrected body."


def test_conflict_can_be_overridden_deliberately(editor, second_editor, make_article):
    article = make_article(body="Original body.")
    first, second = Client(), Client()
    first.force_login(second_editor)
    second.force_login(editor)
    form_one, form_two = first.get(change_url(article)), second.get(change_url(article))
    first.post(change_url(article), form_data_from(form_one, body="Theirs."))
    current = Article.objects.get(pk=article.pk).version
    response = second.post(
        change_url(article),
        form_data_from(form_two, body="Mine, on purpose.", _overwrite=str(current)),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == "Mine, on purpose."


def test_open_form_shows_who_else_is_editing(editor, second_editor, make_article):
    article = make_article()
    first, second = Client(), Client()
    first.force_login(second_editor)
    second.force_login(editor)
    presence = reverse("admin:newsroom_article_presence", args=[article.pk])
    # Opening the form writes nothing; its script's first ping announces it.
    first.get(change_url(article))
    first.post(presence)
    html = second.get(change_url(article)).content.decode()
    assert "Being edited by Aiko Brandt" in html
    second.post(presence)
    heartbeat = first.post(
        reverse("admin:newsroom_article_presence", args=[article.pk])
    )
    assert heartbeat.json() == {"others": ["ed"]}
    first.post(
        reverse("admin:newsroom_article_presence", args=[article.pk]), {"leave": "1"}
    )
    assert "Being edited by" not in second.get(change_url(article)).content.decode()


def test_every_save_keeps_a_revision_with_a_readable_diff(editor_client, make_article):
    article = make_article(body="Line one.\nLine two.")
    form = editor_client.get(change_url(article))
    editor_client.post(
        change_url(article), form_data_from(form, body="Line one.\nLine 2, fixed.")
    )
    form = editor_client.get(change_url(article))
    editor_client.post(change_url(article), form_data_from(form, title="New title"))
    assert list(article.revisions.values_list("number", flat=True)) == [3, 2, 1]
    assert article.revisions.last().data["body"] == "Line one.\nLine two."
    response = editor_client.get(
        reverse("admin:newsroom_article_revisions", args=[article.pk]),
        {"a": 1, "b": 2},
    )
    html = response.content.decode()
    assert "<del>Line two.</del>" in html
    assert "<ins>Line 2, fixed.</ins>" in html
    second, third = article.revisions.filter(number__gte=2).order_by("number")
    changes = services.revision_diff(second, third)
    assert [change["label"] for change in changes] == ["Title"]


def test_restoring_a_revision_is_itself_a_new_revision(editor_client, make_article):
    article = make_article(body="First words.", tags=["old"])
    form = editor_client.get(change_url(article))
    editor_client.post(change_url(article), form_data_from(form, body="Bad edit."))
    form = editor_client.get(change_url(article))
    editor_client.post(
        change_url(article), form_data_from(form, body="Worse edit.", tags=["new"])
    )
    editor_client.post(reverse("admin:newsroom_article_restore", args=[article.pk, 1]))
    article.refresh_from_db()
    assert article.body == "First words."
    assert list(article.tags.names()) == ["old"]
    assert "<p>First words.</p>" in article.body_html
    latest = article.revisions.first()
    assert (latest.number, latest.note) == (4, "Restored revision 1")


def test_writer_cannot_restore_on_someone_elses_article(client, writer, make_article):
    article = make_article()
    services.article_record_revision(article=article, user=None)
    client.force_login(writer)
    client.post(reverse("admin:newsroom_article_restore", args=[article.pk, 1]))
    assert Revision.objects.filter(article=article).count() == 1


def test_bad_revision_numbers_do_not_fail(editor_client, make_article):
    article = make_article()
    url = reverse("admin:newsroom_article_revisions", args=[article.pk])
    assert editor_client.get(url, {"a": "x", "b": "9"}).status_code == 200


# Preview -------------------------------------------------------------------


def test_staff_preview_renders_a_draft_as_readers_will_see_it(
    editor_client, client, make_article
):
    draft = make_article(title="Secret scoop", status="draft", publish_at=None)
    url = reverse("admin:newsroom_article_preview", args=[draft.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "<h1>Secret scoop</h1>" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    client.logout()
    assert client.get(url).status_code == 302  # to the admin login


def test_preview_links_work_until_they_expire_or_are_revoked(
    editor_client, client, editor, make_article, time_machine
):
    draft = make_article(title="Embargoed review", status="draft", publish_at=None)
    shared = editor_client.post(
        reverse("admin:newsroom_article_share", args=[draft.pk]), follow=True
    )
    link = PreviewLink.objects.get(article=draft)
    url = reverse("newsroom:preview", args=[link.token])
    # The link names the public site, whatever host the editor works on.
    assert f'href="http://127.0.0.1:8000{url}"' in shared.content.decode()
    anonymous = Client()
    response = anonymous.get(url)
    assert response.status_code == 200
    assert "Embargoed review" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert b'<meta name="robots" content="noindex, nofollow">' in response.content

    time_machine.move_to(link.expires_at + timedelta(seconds=1))
    assert anonymous.get(url).status_code == 404
    # Within the admin's idle timeout, so the editor is still signed in.
    time_machine.move_to(link.created_at + timedelta(minutes=30))
    assert anonymous.get(url).status_code == 200

    editor_client.post(
        reverse("admin:newsroom_article_revoke", args=[draft.pk, link.pk])
    )
    assert anonymous.get(url).status_code == 404
    assert anonymous.get("/preview/not-a-real-token/").status_code == 404


def test_preview_links_last_48_hours_by_default(editor, make_article):
    link = services.preview_link_create(article=make_article(), user=editor)
    assert timedelta(hours=47, minutes=59) < link.expires_at - timezone.now()
    assert link.expires_at - timezone.now() <= timedelta(hours=48)


# Permissions on the server ----------------------------------------------


def test_writer_edits_own_draft_but_not_others_or_in_review(
    client, writer, make_article
):
    client.force_login(writer)
    own = make_article(status="draft", publish_at=None, created_by=writer)
    other = make_article(status="draft", publish_at=None)
    in_review = make_article(status="in_review", publish_at=None, created_by=writer)
    form = client.get(change_url(own))
    assert form.context["has_change_permission"]
    response = client.post(change_url(own), form_data_from(form, title="Mine, edited"))
    assert response.status_code == 302
    for article in (other, in_review):
        page = client.get(change_url(article))
        assert page.status_code == 200
        assert not page.context["has_change_permission"]
        data = form_data_from(page, title="Hijacked")
        assert client.post(change_url(article), data).status_code == 403
        article.refresh_from_db()
        assert article.title != "Hijacked"


def test_forged_moves_are_refused_by_the_server(client, writer, make_article):
    client.force_login(writer)
    article = make_article(status="in_review", publish_at=None, created_by=writer)
    for action in ["publish", "approve", "schedule", "unpublish", "send_back"]:
        client.post(
            reverse("admin:newsroom_article_move", args=[article.pk]),
            {"_move": action, "move_comment": "x", "move_at": "2099-01-01T10:00"},
        )
        article.refresh_from_db()
        assert article.status == "in_review"


def test_writer_bulk_publish_is_refused(client, writer, make_article):
    client.force_login(writer)
    article = make_article(status="draft", publish_at=None, created_by=writer)
    client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == "draft"


def test_editor_schedules_from_the_change_form(editor_client, make_article):
    article = make_article(status="in_review", publish_at=None)
    form = editor_client.get(change_url(article))
    when = (timezone.localtime() + timedelta(days=1)).replace(second=0, microsecond=0)
    data = form_data_from(
        form,
        _move="approve",
        move_at=when.strftime("%Y-%m-%dT%H:%M"),
        move_comment="Good to go",
    )
    del data["_save"]
    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.is_scheduled
    assert article.publish_at == when


def test_dashboard_lists_drafts_review_scheduled_and_published(
    editor_client, editor, make_article
):
    make_article(title="My draft", status="draft", publish_at=None, created_by=editor)
    make_article(title="Needs eyes", status="in_review", publish_at=None)
    make_article(title="Tomorrow's", publish_at=timezone.now() + timedelta(days=1))
    make_article(title="Out now")
    html = editor_client.get(reverse("admin:index")).content.decode()
    for heading, title in [
        ("My drafts", "My draft"),
        ("Waiting for review", "Needs eyes"),
        ("Scheduled", "Tomorrow&#x27;s"),
        ("Recently published", "Out now"),
    ]:
        assert heading in html
        assert title in html
