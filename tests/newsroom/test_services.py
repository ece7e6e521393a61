"""Every write on an article goes through a service, and each leaves one
audit entry saying who did what to which article."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from newsroom.articles import services
from newsroom.articles.models import Article, Correction
from newsroom.kernel.audit.models import AuditEntry
from newsroom.kernel.media.models import Image
from newsroom.kernel.media.services import image_store
from tests.images import picture_bytes
from tests.newsroom.test_admin import article_form_data
from tests.newsroom.test_workflow_admin import change_url, form_data_from

pytestmark = pytest.mark.django_db


def entries(article=None) -> list[tuple]:
    found = AuditEntry.objects.order_by("pk")
    if article is not None:
        found = found.filter(object_id=str(article.pk), content_type__model="article")
    return [(e.user.username if e.user else None, e.action) for e in found]


def new_article(section, **fields) -> Article:
    return Article(
        title="Rouge dub cast",
        slug="rouge-dub-cast",
        body="The dub cast is out.",
        section=section,
        **fields,
    )


def test_article_create_saves_relations_a_revision_and_an_entry(
    editor, make_section, make_author
):
    author = make_author()
    article = services.article_create(
        article=new_article(make_section()),
        user=editor,
        relations=services.ArticleRelations(authors=[author], tags=["dub"]),
    )
    assert article.created_by == editor
    assert list(article.authors.all()) == [author]
    assert list(article.tags.names()) == ["dub"]
    assert article.revisions.get().user == editor
    assert entries(article) == [("ed", "article_create")]
    entry = AuditEntry.objects.get()
    assert entry.object_repr == "Rouge dub cast"
    assert entry.at is not None


def test_a_writer_signs_a_piece_saved_without_a_byline(
    writer, make_section, make_author
):
    byline = make_author(user=writer)
    article = services.article_create(article=new_article(make_section()), user=writer)
    assert list(article.authors.all()) == [byline]


def test_only_editors_create_a_published_article(writer, editor, make_section):
    section = make_section()
    published = {"status": "published", "publish_at": timezone.now()}
    with pytest.raises(PermissionDenied):
        services.article_create(article=new_article(section, **published), user=writer)
    assert not Article.objects.exists()
    assert AuditEntry.objects.count() == 0
    services.article_create(article=new_article(section, **published), user=editor)
    assert Article.objects.live().count() == 1


def test_article_update_raises_the_version_and_leaves_an_entry(editor, make_article):
    article = make_article(title="Old title")
    version = article.version
    article.title = "New title"
    relations = services.ArticleRelations(tags=["mecha"])
    services.article_update(article=article, user=editor, relations=relations)
    article.refresh_from_db()
    assert (article.title, article.version) == ("New title", version + 1)
    # The piece was made outside the services: its starting point is kept too.
    assert [r.note for r in article.revisions.order_by("number")] == [
        "As it was before the first recorded edit",
        "",
    ]
    assert entries(article) == [("ed", "article_update")]


def test_a_refused_update_writes_nothing(writer, make_article):
    article = make_article(title="Someone else's piece")
    article.title = "Hijacked"
    with pytest.raises(PermissionDenied):
        services.article_update(article=article, user=writer)
    article.refresh_from_db()
    assert article.title == "Someone else's piece"
    assert not article.revisions.exists()
    assert AuditEntry.objects.count() == 0


def test_every_workflow_move_leaves_an_entry_named_for_the_move(
    writer, editor, make_article
):
    article = make_article(status="draft", publish_at=None, created_by=writer)
    for user, action in [
        (writer, "submit"),
        (writer, "withdraw"),
        (writer, "submit"),
        (editor, "send_back"),
        (writer, "submit"),
        (editor, "approve"),
        (editor, "schedule"),
        (editor, "publish"),
        (editor, "unpublish"),
        (writer, "reopen"),
    ]:
        article = services.article_transition(
            article=article,
            user=user,
            action=action,
            comment="Needs a source" if action == "send_back" else "",
            at=timezone.now() + timedelta(days=1),
        )
    assert entries(article) == [
        ("wr", "article_submit"),
        ("wr", "article_withdraw"),
        ("wr", "article_submit"),
        ("ed", "article_send_back"),
        ("wr", "article_submit"),
        ("ed", "article_approve"),
        ("ed", "article_schedule"),
        ("ed", "article_publish"),
        ("ed", "article_unpublish"),
        ("wr", "article_reopen"),
    ]
    send_back = AuditEntry.objects.get(action="article_send_back")
    assert send_back.detail == "in_review → draft: Needs a source"


def test_a_refused_move_leaves_no_entry(writer, make_article):
    article = make_article(status="draft", publish_at=None, created_by=writer)
    with pytest.raises(PermissionDenied):
        services.article_transition(article=article, user=writer, action="publish")
    assert AuditEntry.objects.count() == 0


def test_restore_share_revoke_and_correct_each_leave_an_entry(editor, make_article):
    article = make_article(body="First words.")
    services.article_update(article=article, user=editor)
    revision = article.revisions.get(number=1)
    services.article_restore_revision(article=article, revision=revision, user=editor)
    link = services.preview_link_create(article=article, user=editor)
    services.preview_link_revoke(link=link, user=editor)
    services.preview_link_revoke(link=link, user=editor)  # already revoked: no-op
    services.article_add_correction(article=article, user=editor, note="Fixed a date.")
    assert entries(article) == [
        ("ed", "article_update"),
        ("ed", "article_restore_revision"),
        ("ed", "preview_link_create"),
        ("ed", "preview_link_revoke"),
        ("ed", "article_add_correction"),
    ]
    assert AuditEntry.objects.get(action="article_add_correction").detail == (
        "Fixed a date."
    )


def test_storing_an_image_leaves_an_entry(editor):
    image = Image(title="Key art", alt_text="A red android")
    image.file = ContentFile(picture_bytes(), name="key.jpg")
    image_store(image=image, user=editor, file_changed=True)
    image.alt_text = "A red android on a rooftop"
    image_store(image=image, user=editor, file_changed=False)
    found = AuditEntry.objects.filter(content_type__model="image")
    assert list(found.values_list("user__username", "action", "object_id")) == [
        ("ed", "image_store", str(image.pk)),
        ("ed", "image_store", str(image.pk)),
    ]


# The admin goes through the services -------------------------------------


def test_the_admin_creates_and_edits_through_the_services(
    editor_client, make_section, make_author
):
    data = article_form_data(make_section(), make_author())
    assert editor_client.post(reverse("admin:newsroom_article_add"), data).status_code
    article = Article.objects.get(slug="metallic-rouge-dated")
    form = editor_client.get(change_url(article))
    response = editor_client.post(
        change_url(article), form_data_from(form, title="Metallic Rouge re-dated")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.version == 2
    assert article.revisions.count() == 2
    assert entries(article) == [("ed", "article_create"), ("ed", "article_update")]


def test_a_correction_added_in_the_admin_goes_through_its_service(
    editor_client, editor, make_article
):
    article = make_article()
    form = editor_client.get(change_url(article))
    day = timezone.localtime() - timedelta(hours=1)
    data = form_data_from(
        form,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-note": "The premiere is in January, not February.",
            "corrections-0-created_at_0": day.strftime("%Y-%m-%d"),
            "corrections-0-created_at_1": day.strftime("%H:%M:%S"),
        },
    )
    assert editor_client.post(change_url(article), data).status_code == 302
    correction = Correction.objects.get(article=article)
    assert correction.created_by == editor
    assert correction.created_at == day.replace(microsecond=0)
    article.refresh_from_db()
    assert article.revised_at == correction.created_at
    assert entries(article) == [
        ("ed", "article_add_correction"),
        ("ed", "article_update"),
    ]


def test_the_demo_loader_creates_its_articles_through_the_services():
    call_command("load_demo", stdout=StringIO())
    created = AuditEntry.objects.filter(action="article_create")
    assert created.count() == Article.objects.count() > 0
    assert set(created.values_list("user", "detail")) == {(None, "Demo content")}
    before = AuditEntry.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert AuditEntry.objects.count() == before
