"""Who may send a draft outside the newsroom with a shared preview link."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from newsroom.articles import services
from newsroom.articles.models import PreviewLink

pytestmark = pytest.mark.django_db

SHARE_BUTTON = "Create a shareable preview link"


def share(client, article):
    return client.post(reverse("admin:newsroom_article_share", args=[article.pk]))


def change_page(client, article):
    return client.get(reverse("admin:newsroom_article_change", args=[article.pk]))


@pytest.fixture
def editors_draft(make_article, editor):
    return make_article(status="draft", publish_at=None, created_by=editor)


def test_writer_cannot_share_someone_elses_draft(client, writer, editor, editors_draft):
    existing = services.preview_link_create(article=editors_draft, user=editor)
    client.force_login(writer)
    page = change_page(client, editors_draft)
    assert page.status_code == 200
    assert SHARE_BUTTON not in page.content.decode()
    # Nor may they copy a link an editor made.
    assert existing.token not in page.content.decode()
    existing.delete()
    assert share(client, editors_draft).status_code == 403
    assert not PreviewLink.objects.exists()


def test_writer_shares_a_draft_they_created(client, writer, make_article):
    own = make_article(status="draft", publish_at=None, created_by=writer)
    client.force_login(writer)
    assert SHARE_BUTTON in change_page(client, own).content.decode()
    assert share(client, own).status_code == 302
    link = PreviewLink.objects.get(article=own)
    anonymous = Client()
    assert anonymous.get(f"/preview/{link.token}/").status_code == 200


def test_writer_shares_a_draft_they_hold_a_byline_on(
    client, writer, make_article, make_author, editor
):
    byline = make_author(user=writer)
    piece = make_article(
        status="draft", publish_at=None, created_by=editor, authors=[byline]
    )
    client.force_login(writer)
    assert share(client, piece).status_code == 302
    assert PreviewLink.objects.filter(article=piece, created_by=writer).exists()


def test_editor_shares_anyones_draft(editor_client, writer, make_article):
    writers_draft = make_article(status="draft", publish_at=None, created_by=writer)
    assert SHARE_BUTTON in change_page(editor_client, writers_draft).content.decode()
    assert share(editor_client, writers_draft).status_code == 302
    assert PreviewLink.objects.filter(article=writers_draft).exists()


def test_anonymous_visitors_cannot_share(client, editors_draft):
    response = share(client, editors_draft)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not PreviewLink.objects.exists()


def test_the_service_refuses_whoever_is_neither_editor_nor_author(
    writer, editor, editors_draft, make_article
):
    with pytest.raises(PermissionDenied):
        services.preview_link_create(article=editors_draft, user=writer)
    own = make_article(status="draft", publish_at=None, created_by=writer)
    assert services.preview_link_create(article=own, user=writer).pk
    assert services.preview_link_create(article=editors_draft, user=editor).pk
    assert services.can_share(writer, own)
    assert not services.can_share(writer, editors_draft)


def test_staff_without_the_article_permission_cannot_share(
    django_user_model, make_article
):
    outsider = django_user_model.objects.create_user("nosy", is_staff=True)
    piece = make_article(status="draft", publish_at=None, created_by=outsider)
    with pytest.raises(PermissionDenied):
        services.preview_link_create(article=piece, user=outsider)
