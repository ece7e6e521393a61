import pytest
from django.urls import reverse
from taggit.models import Tag

from newsroom.articles.models import Article
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


def article_form_data(section, author, **overrides):
    return {
        "title": "Metallic Rouge dated",
        "slug": "metallic-rouge-dated",
        "dek": "It premieres in January.",
        "body": "Bones has **dated** the show.",
        "kind": "news",
        "section": section.pk,
        "authors": [author.pk],
        "tags": ["Bones", "release date"],
        "publish_at_0": "",
        "publish_at_1": "",
        "embargo_until_0": "",
        "embargo_until_1": "",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
        "review-TOTAL_FORMS": "0",
        "review-INITIAL_FORMS": "0",
        "review-MIN_NUM_FORMS": "0",
        "review-MAX_NUM_FORMS": "1",
        "_save": "Save",
    } | overrides


@pytest.mark.parametrize(
    "url",
    [
        "admin:index",
        "admin:newsroom_article_changelist",
        "admin:newsroom_article_add",
        "admin:newsroom_section_changelist",
        "admin:newsroom_author_changelist",
        "admin:series_series_changelist",
        "admin:series_person_changelist",
    ],
)
def test_admin_pages_load_for_an_editor(editor_client, url):
    assert editor_client.get(reverse(url)).status_code == 200


def test_article_change_form_loads(editor_client, make_article):
    article = make_article(tags=["mecha"])
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    assert b'<option value="mecha" selected>mecha</option>' in response.content


def test_changelist_shows_publish_state(editor_client, make_article):
    make_article(title="Live piece")
    make_article(title="Draft piece", status="draft", publish_at=None)
    html = editor_client.get(reverse("admin:newsroom_article_changelist")).content
    assert b'<span class="state state-published">Live</span>' in html
    assert b'<span class="state state-draft">Draft</span>' in html


def test_editor_creates_article_with_new_and_existing_tags(
    editor_client, make_section, make_author
):
    Tag.objects.create(name="Bones", slug="bones")
    data = article_form_data(make_section(), make_author())
    response = editor_client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="metallic-rouge-dated")
    assert sorted(t.name for t in article.tags.all()) == ["Bones", "release date"]
    assert Tag.objects.filter(name__iexact="bones").count() == 1
    assert article.status == Article.Status.DRAFT
    assert "<strong>dated</strong>" in article.body_html


def test_editor_publishes_from_the_change_form(editor_client, make_article):
    article = make_article(status="draft", publish_at=None)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    data = article_form_data(
        article.section,
        article.authors.get(),
        slug=article.slug,
        _move="publish",
        base_version=article.version,
    )
    del data["_save"]
    response = editor_client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_live


def test_writer_cannot_publish_even_by_forging_the_button(client, writer, make_article):
    client.force_login(writer)
    article = make_article(status="draft", publish_at=None)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    form_page = client.get(url)
    assert b'value="publish"' not in form_page.content
    data = article_form_data(
        article.section,
        article.authors.get(),
        slug=article.slug,
        _move="publish",
        base_version=article.version,
    )
    client.post(url, data, follow=True)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_writer_is_not_offered_the_publish_action(client, writer, make_article):
    client.force_login(writer)
    make_article()
    response = client.get(reverse("admin:newsroom_article_changelist"))
    assert b"publish_selected" not in response.content
    response = client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "publish_selected", "_selected_action": []},
    )
    assert response.status_code in (200, 302)


def test_bulk_publish_action(editor_client, make_article):
    drafts = [make_article(status="draft", publish_at=None) for _ in range(3)]
    editor_client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]},
    )
    assert Article.objects.live().count() == 3


def test_empty_article_cannot_be_published(editor_client, make_article):
    article = make_article(status="draft", publish_at=None, body="  ")
    editor_client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_tag_autocomplete_suggests_matching_names(editor_client):
    for name in ["Mecha", "Metallic Rouge", "Cyberpunk"]:
        Tag.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    response = editor_client.get(
        reverse("admin:newsroom_tag_autocomplete"), {"term": "me"}
    )
    # What was typed comes first, as a tag of its own (Enter takes it).
    assert response.json()["results"] == [
        {"id": "me", "text": "me"},
        {"id": "Mecha", "text": "Mecha"},
        {"id": "Metallic Rouge", "text": "Metallic Rouge"},
    ]


def test_tag_autocomplete_puts_the_exact_tag_first_then_prefixes(editor_client):
    for name in ["episode review", "review", "reviews roundup", "first review"]:
        Tag.objects.create(name=name, slug=name.replace(" ", "-"))
    response = editor_client.get(
        reverse("admin:newsroom_tag_autocomplete"), {"term": " Review "}
    )
    assert [r["text"] for r in response.json()["results"]] == [
        "review",
        "reviews roundup",
        "episode review",
        "first review",
    ]


def test_tag_autocomplete_needs_a_staff_login(client):
    response = client.get(reverse("admin:newsroom_tag_autocomplete"))
    assert response.status_code == 302


def test_duplicate_slug_is_a_form_error_not_a_crash(
    editor_client, make_article, make_section, make_author
):
    make_article(slug="metallic-rouge-dated")
    data = article_form_data(make_section(), make_author())
    response = editor_client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


def test_pasted_control_characters_are_dropped_on_save(
    editor_client, make_section, make_author
):
    data = article_form_data(
        make_section(),
        make_author(),
        title="Metallic\x01 Rouge\x0bdated",
        dek="It premieres\x08 in January.",
        body="Line one\x0bline two\x7f.",
        tags=["mecha\x1b", "release date"],
    )
    response = editor_client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="metallic-rouge-dated")
    assert article.title == "Metallic Rouge dated"
    assert article.dek == "It premieres in January."
    assert article.body == "Line one\nline two."
    assert sorted(t.name for t in article.tags.all()) == ["mecha", "release date"]


def test_article_changelist_costs_the_same_with_twice_the_articles(
    editor_client, make_article, make_author
):
    def add_articles():
        for _ in range(5):
            make_article(authors=[make_author(), make_author()], tags=["mecha"])

    add_articles()
    url = reverse("admin:newsroom_article_changelist")
    assert_flat_queries(editor_client, url, add_articles)
