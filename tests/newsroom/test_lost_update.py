"""The lost-update guard: a change-form save must say which version it edits."""

import pytest
from django.urls import reverse

from newsroom.articles.models import Article
from tests.newsroom.test_workflow_admin import form_data_from

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:newsroom_article_change", args=[article.pk])


@pytest.mark.parametrize("base_version", [None, "", "abc", "1.5", "\u00b2", "-1"])
def test_a_save_without_a_readable_base_version_is_refused(
    editor_client, make_article, base_version
):
    article = make_article(title="Original title", body="Original body.")
    data = form_data_from(editor_client.get(change_url(article)), title="Overwritten")
    if base_version is None:
        del data["base_version"]
    else:
        data["base_version"] = base_version
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "base_version" in form.errors or form.non_field_errors()
    assert "reload" in response.content.decode().lower()
    article.refresh_from_db()
    assert article.title == "Original title"
    assert article.revisions.count() == 0


def test_a_save_with_the_current_base_version_goes_through(editor_client, make_article):
    article = make_article(title="Original title")
    data = form_data_from(editor_client.get(change_url(article)), title="Edited")
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Edited"


def test_adding_an_article_needs_no_base_version(
    editor_client, make_section, make_author
):
    from tests.newsroom.test_admin import article_form_data

    data = article_form_data(make_section(), make_author())
    response = editor_client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == 302
    assert Article.objects.filter(slug="metallic-rouge-dated").exists()
