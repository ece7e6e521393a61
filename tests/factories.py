"""Every test's objects, made in one place.

Plain functions: each saves one object with defaults that make it valid and
unique, and takes any field as a keyword to override them. Tests reach them
through the ``make_*`` fixtures of tests/conftest.py, or import them where a
fixture does not fit (a helper, a module-level fixture).
"""

import itertools
from datetime import timedelta
from decimal import Decimal
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import TestCase
from django.utils import timezone
from django.utils.text import slugify
from django_tasks_db.management.commands import db_worker

from newsroom.articles.models import Article, Author, Section
from newsroom.kernel import tasks
from newsroom.kernel.media.models import Image
from newsroom.kernel.media.services import image_store
from newsroom.merch.models import MerchItem, Retailer
from reviews.models import Review
from series.models import Credit, Person, Role, Series, Studio
from tests.images import picture_bytes

_counter = itertools.count(1)


def run_queued_tasks() -> None:
    """Run every queued background task with the real database worker, in
    this process, until the queue is empty.

    The worker closes stale connections between tasks; inside a test that
    would close the connection holding the test's transaction (PostgreSQL),
    so that one step is left out here, as Django's test client leaves it out
    around requests.
    """
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        tasks.work_queue_until_empty()


def as_committed(action):
    """``action()`` as if its transaction committed: what it left to do on
    commit (queueing tasks) is done. Returns what ``action`` returned."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return action()


# The newsroom ------------------------------------------------------------------


def section(**overrides) -> Section:
    n = next(_counter)
    return Section.objects.create(
        **{"name": f"Section {n}", "slug": f"section-{n}"} | overrides
    )


def author(**overrides) -> Author:
    n = next(_counter)
    return Author.objects.create(
        **{"name": f"Writer {n}", "slug": f"writer-{n}"} | overrides
    )


def article(*, authors=None, tags=(), series=(), **overrides) -> Article:
    """An article, live by default; pass status/publish_at to change that.
    A new section and author each unless given."""
    n = next(_counter)
    fields = {
        "title": f"Article {n}",
        "slug": f"article-{n}",
        "dek": f"Summary of article {n}",
        "body": f"Body of article {n}.",
        "status": Article.Status.PUBLISHED,
        "publish_at": timezone.now() - timedelta(hours=n),
    } | overrides
    if "section" not in fields:
        fields["section"] = section()
    made = Article.objects.create(**fields)
    made.authors.set(authors if authors is not None else [author()])
    if tags:
        made.tags.set(list(tags))
    if series:
        made.series.set(list(series))
    return made


def image(data=None, name="still.jpg", process=True, **fields) -> Image:
    """An image as an upload leaves it, after the worker has processed it;
    ``process=False`` leaves its task queued."""
    fields = {"title": "Still", "alt_text": "A red planet over a city"} | fields
    made = Image(**fields)
    made.file = ContentFile(data or picture_bytes(), name=name)
    stored = as_committed(lambda: image_store(image=made, file_changed=True))
    if not process:
        return stored
    as_committed(run_queued_tasks)
    made.refresh_from_db()
    return made


def retailer(**overrides) -> Retailer:
    n = next(_counter)
    fields = {
        "name": f"Shop {n}",
        "slug": f"shop-{n}",
        "allowed_domains": "figuredepot.example",
    }
    return Retailer.objects.create(**fields | overrides)


def merch_item(**fields) -> MerchItem:
    fields = {
        "name": "Rouge figure",
        "price": Decimal("189.90"),
        "url": "https://figuredepot.example/rouge",
    } | fields
    if "retailer" not in fields:
        fields["retailer"] = retailer()
    tags = fields.pop("tags", [])
    item = MerchItem.objects.create(**fields)
    if tags:
        item.tags.set(tags)
    return item


def staff_user(username, password=None, *, groups=(), **fields):
    """A staff account, in the given groups (see newsroom.site.roles)."""
    user = get_user_model().objects.create_user(
        username, password=password, **{"is_staff": True} | fields
    )
    user.groups.add(*groups)
    return user


# The encyclopedia --------------------------------------------------------------


def series(**overrides) -> Series:
    """A series; its slug follows its title when only the title is given."""
    n = next(_counter)
    title = overrides.get("title", f"Series {n}")
    slug = slugify(title) if "title" in overrides else f"series-{n}"
    return Series.objects.create(**{"title": title, "slug": slug} | overrides)


def person(**overrides) -> Person:
    n = next(_counter)
    return Person.objects.create(
        **{"name": f"Person {n}", "slug": f"person-{n}"} | overrides
    )


def role(**overrides) -> Role:
    n = next(_counter)
    fields = {
        "name": f"Role {n}",
        "slug": f"role-{n}",
        "department": Role.Department.DIRECTION,
    }
    return Role.objects.create(**fields | overrides)


def studio(**overrides) -> Studio:
    n = next(_counter)
    return Studio.objects.create(
        **{"name": f"Studio {n}", "slug": f"studio-{n}"} | overrides
    )


def credit(series, **overrides) -> Credit:
    if "person" not in overrides:
        overrides["person"] = person()
    if "role" not in overrides:
        overrides["role"] = role()
    return Credit.objects.create(series=series, **overrides)


def review(score="8", **fields) -> Review:
    """A review scoring ``score``: of a new review article and a new series
    unless given."""
    if "article" not in fields:
        fields["article"] = article(kind=Article.Kind.REVIEW)
    if "series" not in fields:
        fields["series"] = series()
    return Review.objects.create(score=Decimal(score), **fields)
