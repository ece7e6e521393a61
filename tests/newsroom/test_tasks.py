"""Background tasks run by the real worker, in this process and in another."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from newsroom.kernel.media.models import Image
from newsroom.kernel.media.services import image_store

ROOT = Path(django_settings.BASE_DIR)

STORE = """
from django.core.files.base import ContentFile
from newsroom.kernel.media.models import Image
from newsroom.kernel.media.services import image_store
from tests.images import gif_with_extras
image = Image(title="Worker test", alt_text="A test picture")
image.file = ContentFile(gif_with_extras(), name="anim.gif")
image_store(image=image, file_changed=True)
print(image.processing, image.renditions.count())
"""

REPORT = """
from newsroom.kernel.media.models import Image
image = Image.objects.get()
print(image.processing, image.renditions.count(), image.file.name)
"""


def _manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.slow(seconds=10)
def test_worker_command_in_its_own_process_makes_the_renditions(tmp_path):
    """The embedded setup end to end: a committed upload, then `db_worker` as
    a separate process against the same (file) database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"TEST_DATABASE_NAME", "CACHE_URL", "TASKS_URL"}
    } | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "INCOMING_ROOT": str(tmp_path / "incoming"),
        "DEBUG": "1",
    }
    _manage(env, "migrate", "--noinput", "-v0")
    assert _manage(env, "shell", "-v0", "-c", STORE) == "pending 0"
    _manage(env, "db_worker", "--batch", "--no-reload", "--no-startup-delay")
    processing, renditions, name = _manage(env, "shell", "-v0", "-c", REPORT).split()
    assert processing == "ready"
    assert int(renditions) > 2
    stored = (tmp_path / "media" / name).read_bytes()
    assert b"<script" not in stored
    assert not [p for p in (tmp_path / "incoming").rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_a_changed_caption_reaches_embedding_articles_through_the_queue(
    make_article, make_image, run_tasks
):
    image = make_image(caption="Old caption")
    article = make_article(body=f"[[image:{image.pk}]]")
    assert "Old caption" in article.body_html
    image.caption = "New caption"
    run_tasks(lambda: image_store(image=image, file_changed=False))
    article.refresh_from_db()
    assert "New caption" in article.body_html
    assert Image.objects.get().processing == Image.Processing.READY


@pytest.mark.parametrize(
    "tasks_url, backend",
    [
        ("", "django_tasks_db.DatabaseBackend"),
        ("database://", "django_tasks_db.DatabaseBackend"),
        ("redis://127.0.0.1:6379/5", "django_tasks_rq.RQBackend"),
    ],
)
def test_tasks_url_chooses_the_queue(tasks_url, backend):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.TASKS['default']['BACKEND'], 'django_rq' in s.INSTALLED_APPS, "
        "getattr(s, 'RQ_QUEUES', {}).get('default', {}).get('URL'))"
    )
    env = os.environ | {
        "TASKS_URL": tasks_url,
        "DJANGO_SETTINGS_MODULE": "newsroom.site.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    chosen, has_rq, url = result.stdout.split()
    assert chosen == backend
    assert has_rq == str(backend.startswith("django_tasks_rq"))
    assert url == (tasks_url if has_rq == "True" else "None")


def test_an_unknown_tasks_url_is_refused():
    env = os.environ | {
        "TASKS_URL": "amqp://x",
        "DJANGO_SETTINGS_MODULE": "newsroom.site.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "TASKS_URL must be" in result.stderr


@pytest.fixture
def take_queue_down(monkeypatch):
    """Call it to make the task queue refuse every job, as an unreachable
    Redis would; ``.undo()`` on its result brings the queue back."""
    from newsroom.articles import rendering
    from newsroom.kernel.media import tasks as media_tasks

    class Unreachable:
        def __init__(self, name):
            self.name = name

        def enqueue(self, **arguments):
            raise ConnectionError("Error 111 connecting to the queue. Refused.")

    def take_down():
        monkeypatch.setattr(media_tasks, "image_process", Unreachable("image"))
        monkeypatch.setattr(rendering, "refresh_embeds", Unreachable("embeds"))
        return monkeypatch

    return take_down


def test_with_the_queue_down_an_upload_is_kept_and_can_be_queued_again(
    editor_client,
    django_capture_on_commit_callbacks,
    take_queue_down,
    run_tasks,
    caplog,
):
    from django.urls import reverse

    from tests.newsroom.test_media import _post_upload, gps_jpeg

    queue_down = take_queue_down()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_upload(editor_client, gps_jpeg())
    assert response.status_code == 302, "the editor is not shown an error page"
    image = Image.objects.get()
    assert image.processing == Image.Processing.PENDING
    assert "Could not queue the task" in caplog.text

    queue_down.undo()
    changelist = reverse("admin:media_image_changelist")
    run_tasks(
        lambda: editor_client.post(
            changelist,
            {"action": "process_again", "_selected_action": [image.pk]},
        )
    )
    image.refresh_from_db()
    assert image.processing == Image.Processing.READY
    assert image.renditions.exists()


def test_with_the_queue_down_embedding_articles_are_refreshed_at_once(
    make_article, make_image, take_queue_down, django_capture_on_commit_callbacks
):
    image = make_image(caption="Old caption")
    article = make_article(body=f"[[image:{image.pk}]]")
    take_queue_down()
    image.caption = "New caption"
    with django_capture_on_commit_callbacks(execute=True):
        image_store(image=image, file_changed=False)
    article.refresh_from_db()
    assert "New caption" in article.body_html
