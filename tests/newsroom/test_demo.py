from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from newsroom.models import Article
from series.models import CastCredit, Credit, Series

pytestmark = pytest.mark.django_db


def load():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_loads_the_metallic_rouge_newsroom(client):
    output = load()
    assert "editor / shimbun-editor" in output
    rouge = Series.objects.get(slug="metallic-rouge")
    assert rouge.episode_count == 13
    assert Credit.objects.filter(series=rouge).count() == 10
    assert CastCredit.objects.filter(series=rouge).count() == 2
    kinds = set(Article.objects.live().values_list("kind", flat=True))
    assert kinds == {"news", "review", "interview", "blog", "feature"}
    assert Article.objects.filter(status="draft").exists()
    home = client.get("/").content.decode()
    assert "Metallic Rouge" in home


def test_demo_loader_is_idempotent():
    load()
    counts = (Article.objects.count(), Series.objects.count(), Credit.objects.count())
    stamps = list(Article.objects.order_by("pk").values_list("updated_at", flat=True))
    output = load()
    assert "0 new article(s)" in output
    assert counts == (
        Article.objects.count(),
        Series.objects.count(),
        Credit.objects.count(),
    )
    assert stamps == list(
        Article.objects.order_by("pk").values_list("updated_at", flat=True)
    )


def test_demo_logins_work_and_roles_differ():
    load()
    editor = authenticate(username="editor", password="shimbun-editor")
    writer = authenticate(username="writer", password="shimbun-writer")
    assert editor.has_perm("newsroom.publish_article")
    assert writer.has_perm("newsroom.change_article")
    assert not writer.has_perm("newsroom.publish_article")
