"""Background tasks of the merch app."""

from django_tasks import task

from . import links


@task()
def check_merch_links(*, timeout: float = 10) -> dict:
    """Check every active merch link and record what was found."""
    return links.check_links(timeout=timeout)
