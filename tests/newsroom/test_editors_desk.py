"""The article form as the newsroom found it wanting (issue 15's findings),
checked through the admin's own views."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from newsroom.articles import services
from newsroom.articles.body.embeds import render_body
from newsroom.articles.models import Article, Revision, Transition
from newsroom.kernel.audit.models import AuditEntry
from newsroom.kernel.slugs.suggest import slug_for, unique_slug
from reviews.models import Review
from series.models import Person
from tests.newsroom.test_admin import article_form_data
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


def change_data(article, **overrides):
    data = article_form_data(
        article.section,
        article.authors.first(),
        title=article.title,
        slug=article.slug,
        dek=article.dek,
        body=article.body,
        kind=article.kind,
        base_version=str(article.version),
        tags=[],
    )
    return data | overrides


# Finding 4: one time input, however many moves take a time.


def test_an_article_in_review_has_one_publish_time_input(editor_client, make_article):
    article = make_article(status=Article.Status.IN_REVIEW)
    page = editor_client.get(
        reverse("admin:newsroom_article_change", args=[article.pk])
    ).content.decode()
    assert page.count('id="id_move_at"') == 1
    assert page.count('name="move_at"') == 1


def test_the_one_time_input_schedules_an_article_in_review(editor_client, make_article):
    article = make_article(status=Article.Status.IN_REVIEW)
    response = editor_client.post(
        reverse("admin:newsroom_article_move", args=[article.pk]),
        {"_move": "schedule", "move_at": "2099-05-01T09:30"},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_scheduled
    assert article.publish_at.year == 2099


# Finding 5: bylines are not required; saving signs with the writer's own.


def test_a_writer_saves_without_a_byline_and_is_signed(
    client, writer, make_section, make_author
):
    own = make_author(name="Wren Writer", user=writer)
    client.force_login(writer)
    data = article_form_data(make_section(), own, authors=[])
    response = client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="metallic-rouge-dated")
    assert list(article.authors.all()) == [own]


# Finding 6 and the slugs: proposed, free and transliterated.


def test_names_are_transliterated_not_stripped():
    assert slug_for("Keiichirō Saitō") == "keiichiro-saito"
    assert slug_for("Frieren’s “Ōtsuka” cut") == "frierens-otsuka-cut"


def test_a_taken_slug_gets_the_series_name_then_a_number(make_article, make_series):
    make_article(slug="metallic-rouge-review")
    assert unique_slug(Article, "Metallic Rouge review") == "metallic-rouge-review-2"
    assert (
        unique_slug(Article, "Metallic Rouge review", hints=("Season two",))
        == "metallic-rouge-review-season-two"
    )


def test_an_old_slug_of_another_article_is_not_free(make_article):
    renamed = make_article(slug="first-look")
    renamed.slug = "first-look-at-rouge"
    renamed.save()
    assert unique_slug(Article, "First look") == "first-look-2"


def test_a_taken_slug_is_refused_with_a_free_one_named(
    editor_client, make_article, make_section, make_author
):
    make_article(slug="metallic-rouge-dated", title="The first one")
    data = article_form_data(make_section(), make_author())
    response = editor_client.post(reverse("admin:newsroom_article_add"), data)
    errors = response.context["adminform"].form.errors["slug"]
    assert errors == [
        "“metallic-rouge-dated” is already the address of “The first one”. "
        "“metallic-rouge-dated-2” is free: use it, or choose another."
    ]
    assert Article.objects.count() == 1


def test_an_empty_slug_is_made_free_from_the_title_on_save(
    editor_client, make_article, make_section, make_author
):
    make_article(slug="keiichiro-saito-interview")
    data = article_form_data(
        make_section(), make_author(), title="Keiichirō Saitō interview", slug=""
    )
    response = editor_client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.filter(slug="keiichiro-saito-interview-2").exists()


def test_the_slug_view_proposes_and_checks(editor_client, make_article, make_series):
    taken = make_article(slug="rouge-finale", title="Rouge finale")
    series = make_series(title="Metallic Rouge", slug="metallic-rouge")
    url = reverse("admin:newsroom_article_slug")
    proposed = editor_client.get(url, {"text": "Saitō on the finale"}).json()
    assert proposed == {
        "slug": "saito-on-the-finale",
        "taken_by": None,
        "free": "saito-on-the-finale",
    }
    checked = editor_client.get(url, {"slug": "rouge-finale", "series": series.pk})
    assert checked.json() == {
        "slug": "rouge-finale",
        "taken_by": "Rouge finale",
        "free": "rouge-finale-metallic-rouge",
    }
    own = editor_client.get(url, {"slug": "rouge-finale", "pk": taken.pk}).json()
    assert own["taken_by"] is None


def test_the_slug_view_needs_a_staff_login(client):
    response = client.get(reverse("admin:newsroom_article_slug"), {"text": "x"})
    assert response.status_code == 302  # to the login page


@pytest.mark.parametrize(
    "url_name, source",
    [
        ("admin:series_person_add", "name"),
        ("admin:series_series_add", "title"),
        ("admin:newsroom_section_add", "name"),
        ("admin:sitewide_page_add", "title"),
    ],
)
def test_every_slug_box_asks_the_server_instead_of_dropping_letters(
    editor_client, url_name, source
):
    form = editor_client.get(reverse(url_name)).context["adminform"].form
    widget = form.fields["slug"].widget
    assert widget.attrs["data-slug-source"] == f"id_{source}"
    assert form.fields["slug"].required is False
    assert "slug-suggest.js" in str(form.media) or "slug-suggest.js" in str(
        editor_client.get(reverse(url_name)).context["media"]
    )


def test_a_person_saved_without_a_slug_keeps_the_macrons_as_letters(editor_client):
    response = editor_client.post(
        reverse("admin:series_person_add"),
        {
            "name": "Keiichirō Saitō",
            "slug": "",
            "credits-TOTAL_FORMS": "0",
            "credits-INITIAL_FORMS": "0",
            "cast-TOTAL_FORMS": "0",
            "cast-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Person.objects.get(name="Keiichirō Saitō").slug == "keiichiro-saito"


# Finding 8: editors delete an article that has been through the workflow.


def test_an_editor_deletes_a_published_article_with_its_history(
    editor_client, editor, make_article
):
    article = make_article(status=Article.Status.DRAFT)
    services.article_update(article=article, user=editor)
    services.article_transition(article=article, user=editor, action="publish")
    assert Transition.objects.filter(article=article).exists()
    url = reverse("admin:newsroom_article_delete", args=[article.pk])
    confirm = editor_client.get(url)
    assert confirm.context["perms_lacking"] == set()
    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Revision.objects.filter(article_id=article.pk).exists()
    entry = AuditEntry.objects.get(action="article_delete")
    assert entry.object_id == str(article.pk)
    assert article.title in entry.detail


def test_a_writer_cannot_delete_someone_elses_draft(client, writer, make_article):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(writer)
    url = reverse("admin:newsroom_article_delete", args=[article.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_bulk_delete_refuses_a_selection_with_anything_not_deletable(
    client, writer, make_article, make_author
):
    own = make_article(authors=[make_author(user=writer)])
    other = make_article()
    client.force_login(writer)
    response = client.post(
        reverse("admin:newsroom_article_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [own.pk, other.pk],
            "post": "yes",
        },
    )
    assert Article.objects.filter(pk__in=[own.pk, other.pk]).count() == 2
    assert response.status_code in {200, 403}


# Finding 10: a review that becomes a feature loses its score box visibly.


def test_a_review_turned_feature_drops_its_score_box_and_says_so(
    editor_client, make_article, make_series
):
    article = make_article(kind="review", status=Article.Status.DRAFT)
    Review.objects.create(article=article, score="8", series=make_series())
    data = change_data(
        article,
        kind="feature",
        **{
            "review-TOTAL_FORMS": "1",
            "review-INITIAL_FORMS": "1",
            "review-0-article": str(article.pk),
            "review-0-review_type": "final",
            "review-0-score": "8",
        },
    )
    response = editor_client.post(
        reverse("admin:newsroom_article_change", args=[article.pk]), data, follow=True
    )
    assert response.status_code == 200
    assert not Review.objects.filter(article=article).exists()
    messages = [str(m) for m in response.context["messages"]]
    assert "The score box (score 8/10) was removed: a feature has no score." in messages


# Finding 13: no "Readerss".


def test_no_admin_heading_doubles_its_plural():
    names = []
    for model_admin in admin.site._registry.values():
        names.append(str(model_admin.opts.verbose_name_plural))
        for inline in model_admin.get_inlines(None, None):
            plural = (
                inline.verbose_name_plural or inline.model._meta.verbose_name_plural
            )
            names.append(str(plural))
    assert [name for name in names if name.endswith("ss")] == []


# Every page of the journeys answers in a fixed number of queries.


def test_the_article_form_costs_the_same_with_twice_the_history(
    editor_client, editor, make_article, make_author, make_series
):
    article = make_article(status=Article.Status.DRAFT)

    def grow():
        for index in range(5):
            article.authors.add(make_author())
            article.series.add(make_series())
            article.tags.add(f"tag {index} {article.authors.count()}")
            services.article_add_correction(
                article=article, user=editor, note=f"Fixed {index}.", kind="update"
            )
            services.article_update(article=article, user=editor)
            services.article_transition(article=article, user=editor, action="submit")
            services.article_transition(
                article=article, user=editor, action="send_back", comment="Again."
            )
        article.refresh_from_db()

    grow()
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    assert_flat_queries(editor_client, url, grow)


def test_the_article_forms_have_a_fixed_query_ceiling(
    editor_client, make_article, django_assert_max_num_queries
):
    article = make_article(status=Article.Status.DRAFT)
    editor_client.get(reverse("admin:newsroom_article_add"))
    # Measured: 7 and 21 (session, user, two-factor device, permissions, the
    # article and its relations, history, autosave, the header's count).
    with django_assert_max_num_queries(9):
        editor_client.get(reverse("admin:newsroom_article_add"))
    with django_assert_max_num_queries(24):
        editor_client.get(reverse("admin:newsroom_article_change", args=[article.pk]))


# Found by trying the desk as a new user.


@pytest.mark.parametrize(
    "line",
    [
        "[[image:99999999999999999999]]",
        "[[related:99999999999999999999]]",
        "[[merch:99999999999999999999]]",
        "[[video:https://youtu.be/dQw4w9WgXcQ poster=99999999999999999999]]",
    ],
)
def test_a_huge_number_in_an_embed_is_a_line_error_not_a_crash(editor_client, line):
    rendered = render_body(f"Intro.\n\n{line}", strict=True)
    assert rendered.errors and rendered.errors[0].startswith("Line 3:")
    response = editor_client.post(
        reverse("admin:newsroom_article_render_preview"), {"body": line}
    )
    assert response.status_code == 200
    assert response.json()["errors"]


def test_the_slug_view_ignores_a_huge_series_number(editor_client):
    response = editor_client.get(
        reverse("admin:newsroom_article_slug"),
        {"text": "Rouge", "series": "99999999999999999999"},
    )
    assert response.status_code == 200


def test_save_and_schedule_uses_the_forms_publish_time_when_the_box_is_empty(
    editor_client, make_article
):
    article = make_article(status=Article.Status.APPROVED, publish_at=None)
    data = change_data(
        article,
        publish_at_0="2099-12-20",
        publish_at_1="10:00",
        _move="schedule",
        move_at="",
    )
    response = editor_client.post(
        reverse("admin:newsroom_article_change", args=[article.pk]), data
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_scheduled
    assert article.publish_at.date().isoformat() == "2099-12-20"


def test_the_publish_times_say_their_zone(editor_client):
    form = (
        editor_client.get(reverse("admin:newsroom_article_add"))
        .context["adminform"]
        .form
    )
    zone = timezone.get_current_timezone_name()
    assert form.fields["publish_at"].label == f"Publish time ({zone})"
    assert form.fields["embargo_until"].label.endswith(f"({zone})")


def test_deleting_names_the_articles_that_embed_it(editor_client, make_article):
    target = make_article(slug="rouge-first-look", title="Rouge first look")
    linking = make_article(
        title="Rouge review", body="Read this.\n\n[[related:rouge-first-look]]\n"
    )
    page = editor_client.get(reverse("admin:newsroom_article_delete", args=[target.pk]))
    assert [a.pk for a in page.context["linked_from"]] == [linking.pk]
    assert "Rouge review" in page.content.decode()
