"""Background work: queueing a task after the transaction commits, and running
the queue in-process (tests, benchmarks).

Work that must not run inside a request is done by a background worker.

Each app keeps its tasks in its own ``tasks.py``: thin wrappers whose work
is plain code that can be run directly too (the demo loader does). Enqueue
from services with ``queue_after_commit`` so a worker never looks for a row that is not
committed yet. Arguments are plain ids and strings, which every backend can
store. The worker is ``manage.py db_worker`` for the database queue, or
``manage.py rqworker`` when ``TASKS_URL`` points at Redis.
"""

import logging

from django.core.management import call_command
from django.db import transaction

logger = logging.getLogger(__name__)


def queue_after_commit(task, *, fallback=None, **arguments) -> None:
    """Queue ``task`` once the current transaction has committed.

    The queue is another service (Redis at scale) and may be down: what was
    saved stays saved and the request still succeeds. The failure is logged;
    ``fallback``, when given, does the work here instead (slower, but done).
    An upload left waiting is queued again from the image list's action.
    """

    def enqueue():
        try:
            task.enqueue(**arguments)
        except Exception:
            logger.exception("Could not queue the task %s", task.name)
            if fallback is not None:
                fallback()

    transaction.on_commit(enqueue)


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
