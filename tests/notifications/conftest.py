"""A newsroom of people for the notification tests: an editor, a second
editor, a superuser, and a writer whose byline is on the piece."""

import pytest

from newsroom.articles import services
from newsroom.articles.models import Article
from newsroom.site.roles import EDITORS
from tests import factories


@pytest.fixture
def second_editor(roles):
    return factories.staff_user(
        "ed2", "pw-editor-456", groups=[roles[EDITORS]], email="ed2@example.test"
    )


@pytest.fixture
def chief(db):
    return factories.staff_user(
        "chief", "pw-chief-123", is_superuser=True, email="chief@example.test"
    )


@pytest.fixture
def piece(writer, make_author, make_article):
    """A draft by ``writer`` (through a byline; someone else created it)."""
    writer.email = "wr@example.test"
    writer.first_name, writer.last_name = "Rei", "Writer"
    writer.save()
    return make_article(
        title="Metallic Rouge dub cast",
        status=Article.Status.DRAFT,
        publish_at=None,
        authors=[make_author(user=writer, name="Rei Writer")],
    )


@pytest.fixture
def move(django_capture_on_commit_callbacks):
    """``move(article, user, action, **kwargs)``: a workflow move as committed,
    so what waits for the commit (the notifications) happens."""

    def make(article, user, action, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.article_transition(
                article=article, user=user, action=action, **kwargs
            )

    return make
