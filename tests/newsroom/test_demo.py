from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command

from newsroom.articles.models import Article
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


def test_the_restored_demo_is_what_the_loader_makes(demo_snapshot):
    """Tests get the demo from a snapshot (the ``demo`` fixture): it holds the
    rows a fresh load makes, no more and no fewer."""
    load()
    made_by_migrate = ("contenttypes.ContentType", "auth.Permission")
    fresh = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label not in made_by_migrate
    }
    assert {label: n for label, n in fresh.items() if n} == demo_snapshot.counts()


def test_the_restored_demo_has_its_pictures_on_disk(demo):
    from newsroom.kernel.media.models import Image, Rendition

    assert Image.objects.exists() and Rendition.objects.exists()
    for image in Image.objects.all():
        assert image.file.storage.exists(image.file.name), image.file.name
    for rendition in Rendition.objects.all():
        assert rendition.file.storage.exists(rendition.file.name), rendition.file.name


def test_demo_loader_is_idempotent(demo):
    """The demo fixture's rows are the loader's own; loading again changes
    nothing."""
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


def test_demo_logins_work_and_roles_differ(demo):
    editor = authenticate(username="editor", password="shimbun-editor")
    writer = authenticate(username="writer", password="shimbun-writer")
    assert editor.has_perm("newsroom.publish_article")
    assert writer.has_perm("newsroom.change_article")
    assert not writer.has_perm("newsroom.publish_article")


def test_make_demo_serves_the_real_site_not_debug_pages(tmp_path):
    """`make demo` runs with DEBUG off (the site's own 404, no URL dump) but
    over plain HTTP, so its logins still work on this machine."""
    import os
    import shlex
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    plan = subprocess.run(
        ["make", "-n", "demo", "PORT=8555"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (serve,) = [line for line in plan.splitlines() if "runserver" in line]
    words = shlex.split(serve.replace('"$(cat .venv/demo-secret-key)"', "k" * 60))
    env = dict(word.split("=", 1) for word in words if "=" in word and "/" not in word)
    assert env["DEBUG"] == "0"
    script = (
        "from newsroom.site import settings as s;"
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env=os.environ | env | {"SECRET_KEY": "demo-" + "k" * 60},
    ).stdout.split()
    assert loaded == ["False", "False", "False"]
