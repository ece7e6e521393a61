"""Autosave: typing kept on the server for its author alone, offered back on
return, and never a change to the article itself."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsroom.articles import services
from newsroom.articles.models import Article, Autosave
from newsroom.kernel.audit.models import AuditEntry
from tests import factories
from tests.newsroom.test_admin import article_form_data
from tests.newsroom.test_workflow_admin import form_data_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(make_article, writer):
    return make_article(
        title="Frieren season 2 dated",
        body="Madhouse confirmed it.",
        status=Article.Status.DRAFT,
        publish_at=None,
        created_by=writer,
        tags=["Frieren"],
    )


def autosave_url(article=None):
    if article is None:
        return reverse("admin:newsroom_article_autosave_new")
    return reverse("admin:newsroom_article_autosave", args=[article.pk])


def discard_url(article=None):
    if article is None:
        return reverse("admin:newsroom_article_autosave_discard_new")
    return reverse("admin:newsroom_article_autosave_discard", args=[article.pk])


def post_json(client, url, payload):
    return client.post(
        url,
        data=json.dumps(payload) if not isinstance(payload, str) else payload,
        content_type="application/json",
    )


def change_url(article):
    return reverse("admin:newsroom_article_change", args=[article.pk])


# The service


def test_an_autosave_touches_nothing_of_the_article(draft, writer):
    before = Article.objects.get(pk=draft.pk)
    audit_before = AuditEntry.objects.count()
    services.article_autosave(
        article=draft,
        user=writer,
        data={"title": "Frieren season 2 dated for Jan", "body": "Madhouse conf"},
        base_version=draft.version,
    )
    after = Article.objects.get(pk=draft.pk)
    assert (after.title, after.body, after.version, after.status) == (
        before.title,
        before.body,
        before.version,
        before.status,
    )
    assert after.updated_at == before.updated_at
    assert after.revisions.count() == 0 and after.transitions.count() == 0
    assert AuditEntry.objects.count() == audit_before
    kept = Autosave.objects.get(user=writer, article=draft)
    assert kept.data["body"] == "Madhouse conf"
    assert kept.base_version == draft.version


def test_autosaves_are_per_user_and_one_per_form(draft, writer, editor):
    for text in ("first", "second"):
        services.article_autosave(
            article=draft, user=writer, data={"body": text}, base_version=1
        )
    services.article_autosave(
        article=draft, user=editor, data={"body": "editor's"}, base_version=1
    )
    services.article_autosave(article=None, user=writer, data={"title": "New one"})
    services.article_autosave(article=None, user=writer, data={"title": "New two"})
    assert Autosave.objects.filter(article=draft).count() == 2
    assert Autosave.objects.get(user=writer, article=draft).data == {"body": "second"}
    assert Autosave.objects.get(user=writer, article=None).data == {"title": "New two"}
    offer = services.autosave_offer(article=draft, user=editor)
    assert offer.autosave.data == {"body": "editor's"}


def test_later_autosaves_merge_the_changed_fields_and_a_fresh_one_replaces(
    draft, writer
):
    save = services.article_autosave
    save(article=draft, user=writer, data={"title": "T", "body": "B"}, base_version=1)
    save(article=draft, user=writer, data={"body": "B2"}, base_version=1, fresh=False)
    assert Autosave.objects.get().data == {"title": "T", "body": "B2"}
    save(article=draft, user=writer, data={"dek": "D"}, base_version=1)
    assert Autosave.objects.get().data == {"dek": "D"}


def test_only_who_may_edit_the_article_may_autosave_it(draft, editor, roles):
    other_writer = factories.staff_user(
        "other", "pw-other-123", groups=[roles["Writers"]]
    )
    with pytest.raises(PermissionDenied):
        services.article_autosave(
            article=draft, user=other_writer, data={"body": "x"}, base_version=1
        )
    services.article_autosave(
        article=draft, user=editor, data={"body": "x"}, base_version=1
    )
    nobody = factories.staff_user("nobody", "pw-nobody-123")
    with pytest.raises(PermissionDenied):
        services.article_autosave(article=None, user=nobody, data={"title": "x"})
    assert Autosave.objects.filter(user__in=[other_writer, nobody]).count() == 0


@pytest.mark.parametrize(
    "data",
    [
        None,
        ["body"],
        {"status": "published"},
        {"title": 12},
        {"title": "x" * 201},
        {"body": "x" * 200_001},
        {"tags": "Frieren"},
        {"tags": [1]},
        {"tags": ["x" * 101]},
        {"tags": [f"tag {n}" for n in range(101)]},
    ],
)
def test_an_autosave_that_is_not_the_form_is_refused(draft, writer, data):
    with pytest.raises(ValidationError):
        services.article_autosave(article=draft, user=writer, data=data, base_version=1)
    assert not Autosave.objects.exists()


def test_an_autosave_needs_a_version_the_article_has_had(draft, writer):
    for base in (None, draft.version + 1):
        with pytest.raises(ValidationError):
            services.article_autosave(
                article=draft, user=writer, data={"body": "x"}, base_version=base
            )


def test_an_autosave_is_offered_only_when_it_differs(draft, writer):
    services.article_autosave(
        article=draft, user=writer, data={"body": draft.body}, base_version=1
    )
    assert services.autosave_offer(article=draft, user=writer) is None  # the same

    services.article_autosave(
        article=draft, user=writer, data={"tags": ["frieren"]}, base_version=1
    )
    assert services.autosave_offer(article=draft, user=writer) is None  # same tags

    services.article_autosave(
        article=draft, user=writer, data={"body": "Madhouse conf"}, base_version=1
    )
    offer = services.autosave_offer(article=draft, user=writer)
    assert offer is not None and not offer.changed_since


def test_typing_is_still_offered_after_someone_else_saved_the_article(
    draft, writer, editor
):
    """The writer's unsaved sentence was hidden for good once an editor saved
    the article after it (found by trying it as a new user)."""
    services.article_autosave(
        article=draft, user=writer, data={"body": "Half a sent"}, base_version=1
    )
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        draft.title = "Retitled by the editor"
        services.article_update(article=draft, user=editor)
    draft.refresh_from_db()
    offer = services.autosave_offer(article=draft, user=writer)
    assert offer is not None
    assert offer.autosave.data["body"] == "Half a sent"
    assert offer.changed_since
    # The writer's own save replaces it.
    draft.body = "Half a sentence, finished."
    services.article_update(article=draft, user=writer)
    assert services.autosave_offer(article=draft, user=writer) is None


def test_the_offer_says_when_the_article_changed_since_the_form_was_opened(
    draft, writer, editor
):
    with time_machine.travel(timezone.now() - timedelta(minutes=5)):
        services.article_update(article=draft, user=editor)  # version 2
    services.article_autosave(
        article=draft, user=writer, data={"body": "Mine"}, base_version=1
    )
    offer = services.autosave_offer(article=draft, user=writer)
    assert offer.changed_since


def test_a_new_article_autosave_is_offered_when_it_holds_text(writer):
    services.article_autosave(article=None, user=writer, data={"title": ""})
    assert services.autosave_offer(article=None, user=writer) is None
    services.article_autosave(article=None, user=writer, data={"title": "Fri"})
    assert services.autosave_offer(article=None, user=writer).autosave.data == {
        "title": "Fri"
    }


def test_saving_the_article_removes_only_that_users_autosave(draft, writer, editor):
    for user in (writer, editor):
        services.article_autosave(
            article=draft, user=user, data={"body": "typed"}, base_version=1
        )
    services.article_autosave(article=None, user=writer, data={"title": "new"})
    services.article_update(article=draft, user=writer)
    assert list(Autosave.objects.values_list("user__username", "article")) in (
        [("ed", draft.pk), ("wr", None)],
        [("wr", None), ("ed", draft.pk)],
    )
    made = Article(title="New", slug="new", section=draft.section)
    services.article_create(article=made, user=writer)
    assert not Autosave.objects.filter(user=writer).exists()


def test_discarding_is_audited_and_only_ones_own(draft, writer, editor):
    services.article_autosave(
        article=draft, user=editor, data={"body": "editor's"}, base_version=1
    )
    assert services.autosave_discard(article=draft, user=writer) is False
    assert Autosave.objects.filter(user=editor).exists()
    services.article_autosave(
        article=draft, user=writer, data={"body": "mine"}, base_version=1
    )
    assert services.autosave_discard(article=draft, user=writer) is True
    entry = AuditEntry.objects.get(action="article_autosave_discard")
    assert entry.user == writer and entry.object_id == str(draft.pk)


def test_autosaves_left_for_thirty_days_are_deleted_by_the_next_autosave(
    draft, writer, editor
):
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        services.article_autosave(
            article=draft, user=editor, data={"body": "old"}, base_version=1
        )
    with time_machine.travel(timezone.now() - timedelta(days=29)):
        services.article_autosave(article=None, user=editor, data={"title": "recent"})
    services.article_autosave(
        article=draft, user=writer, data={"body": "now"}, base_version=1
    )
    assert set(Autosave.objects.values_list("user", "article")) == {
        (editor.pk, None),
        (writer.pk, draft.pk),
    }


# The views


def test_the_form_posts_an_autosave_and_gets_its_time(client, draft, writer):
    client.force_login(writer)
    with time_machine.travel("2026-12-03 14:32:10 +0000", tick=False):
        response = post_json(
            client,
            autosave_url(draft),
            {"data": {"body": "Madhouse conf"}, "base_version": "1", "fresh": True},
        )
    assert response.status_code == 200
    assert response.json()["time"] == "14:32"
    assert Autosave.objects.get(user=writer, article=draft).data == {
        "body": "Madhouse conf"
    }
    response = post_json(client, autosave_url(), {"data": {"title": "Fresh"}})
    assert response.status_code == 200
    assert Autosave.objects.get(user=writer, article=None).data == {"title": "Fresh"}


def test_who_may_not_edit_the_article_gets_403(client, draft, roles):
    other = factories.staff_user("other", "pw-other-123", groups=[roles["Writers"]])
    client.force_login(other)
    response = post_json(
        client, autosave_url(draft), {"data": {"body": "x"}, "base_version": "1"}
    )
    assert response.status_code == 403
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.IN_REVIEW)
    client.force_login(draft.created_by)
    response = post_json(
        client, autosave_url(draft), {"data": {"body": "x"}, "base_version": "1"}
    )
    assert response.status_code == 403
    assert not Autosave.objects.exists()


def test_without_a_session_the_autosave_goes_to_the_login_page(client, draft):
    response = post_json(
        client, autosave_url(draft), {"data": {"body": "x"}, "base_version": "1"}
    )
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert not Autosave.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "not json",
        "\udcff",
        "[1, 2]",
        json.dumps({"data": "body"}),
        json.dumps({"data": {"body": "x"}}),
        json.dumps({"data": {"body": "x"}, "base_version": 1}),
        json.dumps({"data": {"body": "x"}, "base_version": "²"}),
        json.dumps({"data": {"body": "x"}, "base_version": "99"}),
        json.dumps({"data": {"is_staff": True}, "base_version": "1"}),
    ],
)
def test_junk_is_refused_with_400_and_keeps_nothing(client, draft, writer, payload):
    client.force_login(writer)
    response = client.post(
        autosave_url(draft),
        data=payload.encode("utf-8", "surrogatepass"),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "error" in response.json()
    assert not Autosave.objects.exists()


def test_a_huge_autosave_is_refused_with_400(client, draft, writer):
    client.force_login(writer)
    payload = {"data": {"body": "x" * 1_100_000}, "base_version": "1"}
    response = post_json(client, autosave_url(draft), payload)
    assert response.status_code == 400
    payload = {"data": {"body": "x" * 200_001}, "base_version": "1"}
    response = post_json(client, autosave_url(draft), payload)
    assert response.status_code == 400
    assert "200000" in response.json()["error"]
    assert not Autosave.objects.exists()


def test_autosave_addresses_answer_only_post(client, draft, writer):
    client.force_login(writer)
    assert client.get(autosave_url(draft)).status_code == 405
    assert client.get(discard_url(draft)).status_code == 405


def test_discard_removes_ones_own_autosave(client, draft, writer):
    services.article_autosave(
        article=draft, user=writer, data={"body": "x"}, base_version=1
    )
    client.force_login(writer)
    response = post_json(client, discard_url(draft), {})
    assert response.json() == {"discarded": True}
    assert not Autosave.objects.exists()
    assert post_json(client, discard_url(), {}).json() == {"discarded": False}


def test_the_form_offers_the_autosave_to_its_author_only(client, draft, writer, editor):
    services.article_autosave(
        article=draft,
        user=writer,
        data={"body": "Madhouse <script>alert(1)</script> conf"},
        base_version=1,
    )
    client.force_login(writer)
    page = client.get(change_url(draft)).content.decode()
    assert 'id="autosave-offer"' in page and "You have unsaved changes from" in page
    assert "<script>alert(1)" not in page
    data = page.split('id="autosave-data" type="application/json">')[1]
    assert json.loads(data.split("</script>")[0])["body"].startswith("Madhouse <")

    client.force_login(editor)
    page = client.get(change_url(draft)).content.decode()
    assert "You have unsaved changes" not in page
    assert "alert(1)" not in page
    assert 'data-save-url="' in page  # the editor's own autosave still runs


def test_the_form_of_an_article_one_may_not_edit_has_no_autosave(client, draft, writer):
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.IN_REVIEW)
    client.force_login(writer)
    page = client.get(change_url(draft)).content.decode()
    assert 'id="autosave"' not in page


def test_the_add_form_offers_the_new_article_copy(client, writer):
    services.article_autosave(article=None, user=writer, data={"title": "Half a"})
    client.force_login(writer)
    page = client.get(reverse("admin:newsroom_article_add")).content.decode()
    assert "You have unsaved changes from" in page
    assert reverse("admin:newsroom_article_autosave_new") in page


def test_a_normal_save_of_the_form_deletes_the_users_autosave(
    editor_client, editor, make_section, make_author
):
    article = factories.article(title="Original", status=Article.Status.DRAFT)
    services.article_autosave(
        article=article, user=editor, data={"body": "typed"}, base_version=1
    )
    data = form_data_from(editor_client.get(change_url(article)), body="typed")
    assert editor_client.post(change_url(article), data).status_code == 302
    assert not Autosave.objects.exists()

    services.article_autosave(article=None, user=editor, data={"title": "New"})
    data = article_form_data(make_section(), make_author())
    response = editor_client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == 302
    assert not Autosave.objects.exists()


def test_a_refused_save_keeps_the_autosave(editor_client, editor):
    article = factories.article(title="Original", status=Article.Status.DRAFT)
    services.article_autosave(
        article=article, user=editor, data={"body": "typed"}, base_version=1
    )
    data = form_data_from(editor_client.get(change_url(article)), title="")
    assert editor_client.post(change_url(article), data).status_code == 200
    assert Autosave.objects.filter(user=editor, article=article).exists()


def test_an_autosave_costs_a_fixed_number_of_queries(
    client, writer, roles, django_assert_max_num_queries
):
    many = [factories.author() for _ in range(30)]
    draft = factories.article(
        status=Article.Status.DRAFT,
        publish_at=None,
        created_by=writer,
        authors=many,
        tags=[f"tag {n}" for n in range(40)],
    )
    others = [
        factories.staff_user(f"ed{n}", groups=[roles["Editors"]]) for n in range(20)
    ]
    for user in others:
        services.article_autosave(
            article=draft, user=user, data={"body": "theirs"}, base_version=1
        )
    client.force_login(writer)
    tags = [f"tag {n}" for n in range(40, 100)]
    payload = {"data": {"body": "x", "tags": tags}, "base_version": "1"}
    # Session, user, two-factor device, article, permissions (2); then the
    # pruning, the row (read and written) and the savepoints around them.
    with django_assert_max_num_queries(13):
        assert post_json(client, autosave_url(draft), payload).status_code == 200
    with django_assert_max_num_queries(13):
        assert post_json(client, autosave_url(draft), payload).status_code == 200


def test_offering_an_autosave_costs_the_form_at_most_one_query_whatever_its_size(
    client, writer
):
    draft = factories.article(
        status=Article.Status.DRAFT,
        publish_at=None,
        created_by=writer,
        authors=[factories.author() for _ in range(30)],
        tags=[f"tag {n}" for n in range(40)],
    )
    client.force_login(writer)
    client.get(change_url(draft))  # the process's own caches (content types)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(change_url(draft)).status_code == 200
        return len(captured)

    without = queries()
    services.article_autosave(
        article=draft,
        user=writer,
        data={"body": "typed", "tags": [f"tag {n}" for n in range(100)]},
        base_version=1,
    )
    assert b"You have unsaved changes" in client.get(change_url(draft)).content
    # The autosave row is looked for either way; the article's tags are read
    # to compare with only when every text field is the same.
    assert queries() <= without + 1
