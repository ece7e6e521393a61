"""The database going away answers 503 + Retry-After and loses no saved work
(issue 13, findings 6 and 12)."""

import itertools
import time

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from newsroom.articles.models import Revision
from newsroom.kernel.accounts import policy
from tests.newsroom.test_workflow_admin import form_data_from

pytestmark = pytest.mark.django_db


class DatabaseGone:
    """Refuses every query from the ``after``-th one on, as a restart would.

    Savepoint statements pass, so the test's own enclosing transaction can
    still roll back what the request did.
    """

    def __init__(self, after: int = 0):
        self.after = after
        self.seen = itertools.count()

    def __call__(self, execute, sql, params, many, context):
        if "SAVEPOINT" in sql:
            return execute(sql, params, many, context)
        if next(self.seen) >= self.after:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)


@pytest.fixture
def quiet_client():
    client = Client()
    client.raise_request_exception = False
    return client


def assert_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "back in a moment" in page
    assert response["X-Request-ID"] in page, "the page gives an error reference"


def test_reader_page_answers_503_with_retry_after(quiet_client, make_article):
    article = make_article()
    with connection.execute_wrapper(DatabaseGone()):
        response = quiet_client.get(article.get_absolute_url())
    assert_unavailable(response)


def test_loading_a_session_during_a_restart_answers_503(quiet_client, editor):
    quiet_client.force_login(editor)
    with connection.execute_wrapper(DatabaseGone()):
        response = quiet_client.get("/admin/")
    assert_unavailable(response)


def test_an_attribute_error_caused_by_the_outage_still_answers_503(
    quiet_client, editor, monkeypatch
):
    """A failure raised while handling the lost connection (as a half-loaded
    session once did) is still the outage, not a bug."""
    from django.contrib.sessions.backends.db import SessionStore

    def load(self):
        try:
            raise OperationalError("the database system is shutting down")
        except OperationalError:
            return None.get("half-loaded")

    monkeypatch.setattr(SessionStore, "load", load)
    quiet_client.cookies["sessionid"] = "x" * 32
    assert_unavailable(quiet_client.get("/admin/"))


def refuse_session_writes(execute, sql, params, many, context):
    """The database goes away between reading a session and writing it back."""
    if "django_session" in sql and sql.lstrip().upper().startswith("UPDATE"):
        raise OperationalError("terminating connection due to administrator command")
    return execute(sql, params, many, context)


def test_a_session_write_lost_to_the_outage_answers_503_not_400(quiet_client, editor):
    """Django takes a failed session write for a session deleted meanwhile and
    answers 400; when the database went away, it is the outage's 503."""
    quiet_client.force_login(editor)
    session = quiet_client.session
    # Seen long enough ago that this request records the visit (a write).
    session[policy.SEEN_AT] = time.time() - policy.SEEN_RESOLUTION_SECONDS - 1
    session.save()
    with connection.execute_wrapper(refuse_session_writes):
        response = quiet_client.get("/admin/")
    assert_unavailable(response)


def test_other_errors_stay_500_with_a_reference(quiet_client, monkeypatch, db):
    from newsroom.articles import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.HomeView, "get", broken)
    response = quiet_client.get("/")
    assert response.status_code == 500
    assert response["X-Request-ID"] in response.content.decode()
    assert "Retry-After" not in response


def test_an_editors_save_is_kept_whole_or_refused_whole(editor, make_article):
    """Whenever during a save the database goes away, the editor either got a
    confirmation and the edit is stored with its revision, or got a 503 and
    nothing of the edit is stored."""
    article = make_article(title="Before")
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    outcomes = set()
    for after in range(0, 60, 3):
        article.refresh_from_db()
        before_version = article.version
        revisions = Revision.objects.filter(article=article).count()
        data = form_data_from(client.get(url), title=f"After {after}")
        with connection.execute_wrapper(DatabaseGone(after=after)):
            response = client.post(url, data)
        article.refresh_from_db()
        if response.status_code == 302:
            outcomes.add("saved")
            assert article.title == f"After {after}"
            assert article.version == before_version + 1
            assert Revision.objects.filter(article=article).count() > revisions
        else:
            outcomes.add("refused")
            assert response.status_code == 503
            assert article.title != f"After {after}"
            assert article.version == before_version
            assert Revision.objects.filter(article=article).count() == revisions
    assert outcomes == {"saved", "refused"}
