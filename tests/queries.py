"""Catching N+1 queries on list pages, whatever their query limit.

A fixed ceiling (``django_assert_max_num_queries``) says a page is cheap
today; it lets through a query per item as long as the list is short enough
to stay under it. ``assert_flat_queries`` compares the page with N items and
with 2N: any query made per item shows up as a difference.
"""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url) -> tuple[list[str], bytes]:
    """The SQL of one request for ``url`` with the cache emptied first (so N
    and 2N are measured alike), and the page's body."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries], response.content


def assert_flat_queries(client, url, grow):
    """``url`` with the items the test made (N) and after ``grow()`` has added
    as many again (2N) costs the same number of queries.

    The page must show the new items (its body grows), so that N and 2N both
    fit on it: two full pages of a paginated list would hide a per-item query.
    """
    client.get(url)  # fills the process's own caches (content types)
    small, small_body = page_queries(client, url)
    grow()
    large, large_body = page_queries(client, url)
    assert len(large_body) > len(small_body), f"{url} did not show the added items"
    added = "\n".join(sorted(set(large) - set(small))[:5])
    assert len(large) == len(small), (
        f"{url}: {len(small)} queries with N items, {len(large)} with 2N; "
        f"for example:\n{added}"
    )
