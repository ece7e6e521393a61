"""Work that must not run inside a request, done by a background worker.

Each task is a thin wrapper: the work itself is a service, so it can be run
directly too (the demo loader does). Enqueue from services with
``transaction.on_commit`` so a worker never looks for a row that is not
committed yet. Arguments are plain ids and strings, which every backend can
store. The worker is ``manage.py db_worker`` for the database queue, or
``manage.py rqworker`` when ``TASKS_URL`` points at Redis.
"""

from django.core.management import call_command
from django_tasks import task

from . import merch, services


@task()
def image_process(*, image_id: int, upload_name: str) -> bool:
    """Strip an upload's metadata into the public file and make its renditions."""
    return services.image_process(image_id=image_id, upload_name=upload_name)


@task()
def refresh_embeds(*, key: str) -> int:
    """Re-render the articles whose bodies embed ``key``."""
    return services.refresh_embedding_articles(key=key)


@task()
def check_merch_links(*, timeout: float = 10) -> dict:
    """Check every active merch link and record what was found."""
    return merch.check_links(timeout=timeout)


def work_queue_until_empty() -> None:
    """Run every queued task with the database worker, in this process, until
    the queue is empty (benchmarks and tests; a site runs ``db_worker``)."""
    call_command(
        "db_worker",
        batch=True,
        reload=False,
        startup_delay=False,
        interval=0,
        queue_name="*",
        verbosity=0,
    )
