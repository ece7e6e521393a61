"""Benchmark the reader-facing pages at 100× the demo, on a throwaway database.

The script builds a database of its own, loads the demo newsroom, adds
``--articles`` live articles (10,000 by default: about a hundred times the
demo) spread over the demo's sections, bylines, series, people and tags, and
then requests every kind of public page, feed and sitemap through Django's
test client. For each address it reports the HTTP status, the number of SQL
queries, the response size and the median and 95th-percentile wall time of
``--repeat`` requests after two warm-up requests. It also times publishing one
article through ``newsroom.services.article_transition``.

Run it with::

    make bench
    make bench BENCH_ARGS="--articles 1000 --repeat 5"
    make bench BENCH_ARGS="--database-url postgres://postgres@127.0.0.1:5432/shimbun_bench"
    .venv/bin/python scripts/benchmark.py --json bench.json

It never touches your own database or media: by default it works in a fresh
SQLite file in a temporary folder; with ``--database-url`` it creates the
named PostgreSQL database (and refuses one that already exists), and it
deletes what it created at the end unless ``--keep`` is given. Page caching is
off (``CACHE_URL=dummy://``) so every request does its full work.

Numbers are for comparing runs on one machine, not pass/fail: the script
asserts nothing about speed. It exits non-zero only when a page does not
answer 200.
"""

import argparse
import json
import math
import os
import platform
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
#: The Host header sent (ALLOWED_HOSTS knows it). Nothing is served on that
#: port: the test client calls Django in this process.
HOST = "127.0.0.1:8000"
WARM_UPS = 2
#: PostgreSQL recomputes stored search vectors this many articles at a time.
VECTOR_BATCH = 2_000
#: Bench articles go back in time from now, one every this many minutes.
SPACING_MINUTES = 97
POSTGRES_SCHEMES = {"postgres", "postgresql"}

# Demo content the measured addresses point at.
NEWS_SLUG = "metallic-rouge-bones-25th-anniversary-anime-january-2024"
REVIEW_SLUG = "metallic-rouge-review"
SERIES_SLUG = "metallic-rouge"
PERSON_SLUG = "yutaka-izubuchi"
TAG_SLUG = "mecha"
AUTHOR_SLUG = "marcus-velde"

URLS = [
    "/",
    "/section/news/",
    f"/articles/{NEWS_SLUG}/",
    f"/articles/{REVIEW_SLUG}/",
    f"/series/{SERIES_SLUG}/",
    f"/people/{PERSON_SLUG}/",
    "/reviews/",
    "/series/",
    "/season/winter-2024/",
    f"/tag/{TAG_SLUG}/",
    f"/author/{AUTHOR_SLUG}/",
    "/search/?q=Metallic+Rogue",
    "/search/?q=android+rouge&kind=review",
    "/search/?q=メタリックルージュ",
    "/feeds/rss/",
    "/feeds/atom/",
    f"/feeds/series/{SERIES_SLUG}/rss/",
    "/reviews/feed/rss/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/sitemap-news.xml",
    "/robots.txt",
    "/?page=50",
]

# What the bench articles are made of --------------------------------------------

SECTION_OF_KIND = {
    "news": "news",
    "review": "reviews",
    "feature": "features",
    "interview": "interviews",
    "blog": "blog",
}
#: Every fourth article is a review; the rest are mostly news.
OTHER_KINDS = ["news", "news", "news", "news", "feature", "interview", "blog"]
HEADLINES = {
    "news": [
        "{series} Blu-ray box dated for spring",
        "{series} gets a new key visual and trailer",
        "{series} stage play cast announced",
        "{series} streams with an English dub from next week",
    ],
    "review": [
        "{series} review: a confident finish",
        "{series} episode review: the chase goes on",
        "{series} first impressions: handsome and hurried",
    ],
    "feature": ["Why {series} still matters", "The look of {series}, frame by frame"],
    "interview": ["Making {series}: the staff on six years of work"],
    "blog": ["Unboxing the {series} figures", "Staff picks: {series} merch"],
}
TAG_NAMES = ["Metallic Rouge", "Bones", "mecha", "sci-fi", "review", "interview"]
REVIEW_TYPES = ["first", "episode", "season", "final"]
BODIES = [
    """\
Rouge is back on the hunt, and this time the trail leads through the lower
levels of the Martian capital, where androids and humans trade **nectar** in
plain sight.

[[image:{image} caption="A red planet over the city."]]

## What happens

The episode follows the android across three districts in a single night,
and the animation never lets the pace drop. The score moves between club
beats and strings without a seam.

- Sharp, readable action
- A villain with a point of view
- Backgrounds that feel lived in

[[watch:metallic-rouge]]

> "We wanted Mars to feel lived in," the producer told us last year.

It is not perfect: the middle stretch explains too much, and a subplot about
the Immortal Nine stalls. But the closing minutes land.
""",
    """\
The studio announced the release at a live stream on Friday. The set collects
all thirteen episodes with a booklet of production art, a commentary track
and clean opening and ending animation.

[[image:{image}]]

## Details

Pre-orders open next week at the usual shops. Prices were not announced, but
the previous box from the studio cost about as much as a season pass.

The English dub, recorded last year, is included on every disc.
""",
    """\
Conventions are where fans meet the people behind the screen, and this year's
panel was standing room only. The staff talked about **designing Mars**, the
music and the long road from pitch to premiere.

## On the music

The composer said the score was written before a single storyboard existed,
so the animators cut several scenes to the music rather than the other way
round.

[[image:{image} alt="A stage lit in red."]]

## On what comes next

Nobody would confirm a second season, but nobody ruled one out either.
""",
]


# Options and the throwaway database ---------------------------------------------


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time Shimbun's public pages on a throwaway database filled "
        "with the demo plus many generated articles.",
    )
    parser.add_argument(
        "--articles",
        type=int,
        default=10_000,
        metavar="N",
        help="live articles to add to the demo (default: 10000)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=20,
        metavar="R",
        help=f"timed requests per address, after {WARM_UPS} warm-ups (default: 20)",
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="a database to create, use and drop, e.g. "
        "postgres://postgres@127.0.0.1:5432/shimbun_bench (it must not exist "
        "yet); default: a temporary SQLite file",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the database (and the temporary folder) afterwards",
    )
    parser.add_argument(
        "--json", metavar="FILE", type=Path, help="also write the results as JSON"
    )
    args = parser.parse_args(argv)
    if args.articles < 0:
        parser.error("--articles cannot be negative")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.database_url:
        if urlsplit(args.database_url).scheme not in {"sqlite", *POSTGRES_SCHEMES}:
            parser.error("--database-url must be a postgres:// or sqlite:// URL")
        if not database_name(args.database_url):
            parser.error("--database-url must name a database")
    return args


def database_name(url: str) -> str:
    """postgres://…/name names ``name``; sqlite:////tmp/x.sqlite3 names the file."""
    parts = urlsplit(url)
    return parts.path[1:] if parts.scheme == "sqlite" else parts.path.lstrip("/")


class ThrowawayDatabase:
    """A database the benchmark creates for itself and removes afterwards.

    A database that already exists is refused rather than reused, so a typo in
    ``--database-url`` can never fill, let alone drop, someone's real data.
    """

    def __init__(self, url: str | None, workdir: Path):
        self.url = url or f"sqlite:///{workdir / 'benchmark.sqlite3'}"
        self.is_postgres = urlsplit(self.url).scheme in POSTGRES_SCHEMES
        self.name = database_name(self.url)
        self.created = False

    def create(self) -> None:
        if not self.is_postgres:
            if Path(self.name).exists():
                sys.exit(f"benchmark: {self.name} already exists; pick a new file")
            self.created = True  # Django creates the file on first connection.
            return
        from psycopg import sql

        with self._maintenance() as admin:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.name]
            ).fetchone()
            if exists:
                sys.exit(
                    f"benchmark: database {self.name!r} already exists. The "
                    "benchmark only uses a database it creates itself (and drops "
                    "afterwards): name one that does not exist yet."
                )
            admin.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name))
            )
        self.created = True

    def drop(self) -> None:
        if not self.created:
            return
        from django.db import connections

        connections.close_all()
        if not self.is_postgres:
            Path(self.name).unlink(missing_ok=True)
            return
        from psycopg import sql

        with self._maintenance() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(self.name)
                )
            )

    def _maintenance(self):
        """An autocommit connection to the server's ``postgres`` database."""
        import psycopg

        admin_url = urlsplit(self.url)._replace(path="/postgres").geturl()
        return psycopg.connect(admin_url, autocommit=True)


def configure_django(database_url: str, workdir: Path) -> None:
    """Point Django at the throwaway database and media, then set it up."""
    media = workdir / "media"
    media.mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.site.settings"
    os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = str(media)
    os.environ["MEDIA_STORAGE"] = "django.core.files.storage.FileSystemStorage"
    # Measure the work, not the cache in front of it.
    os.environ["CACHE_URL"] = "dummy://"
    # DEBUG=0 would need collected static files and HTTPS; pages cost the same
    # either way (templates are cached, and the query log is on for counting).
    os.environ["DEBUG"] = "1"
    # One connection for the whole run, so no reconnect lands in a timed request.
    os.environ["DB_CONN_MAX_AGE"] = "3600"
    sys.path.insert(0, str(BASE_DIR))

    import django

    django.setup()


# Loading ------------------------------------------------------------------------


def load_data(article_count: int) -> dict[str, float]:
    """Migrate, load the demo and bulk-create the bench articles; seconds taken."""
    from django.core.management import call_command

    timings = {}
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    timings["migrate"] = time.perf_counter() - started

    started = time.perf_counter()
    call_command("load_demo", quiet_logins=True)
    timings["demo"] = time.perf_counter() - started

    started = time.perf_counter()
    create_articles(article_count)
    timings["articles"] = time.perf_counter() - started
    return timings


def create_articles(count: int) -> None:
    """Add ``count`` live articles with bylines, series, people, tags and reviews.

    bulk_create skips ``Article.save()``, so the rendered columns are filled
    here from one rendering of each sample body, exactly as ``render_body``
    would fill them, and the search vectors are computed afterwards.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify
    from taggit.models import Tag, TaggedItem

    from newsroom.articles.models import Article, Author, Section
    from newsroom.articles.search import update_search_vector
    from newsroom.kernel.media.models import Image
    from reviews.models import Review
    from series.models import Person, Series

    if not count:
        return
    rng = random.Random(2024)  # the same articles on every run
    sections = {section.slug: section for section in Section.objects.all()}
    authors = list(Author.objects.order_by("pk"))
    rouge = Series.objects.get(slug=SERIES_SLUG)
    other_series = list(Series.objects.exclude(pk=rouge.pk).order_by("pk"))
    people = list(Person.objects.order_by("pk"))
    tags = list(Tag.objects.filter(name__in=TAG_NAMES).order_by("pk"))
    images = list(Image.objects.order_by("pk"))
    bodies = [rendered_body(source.format(image=images[0].pk)) for source in BODIES]

    now = timezone.now()
    articles, plans = [], []
    for n in range(count):
        kind = "review" if n % 4 == 0 else rng.choice(OTHER_KINDS)
        # Half of everything is about the demo's series, as at a fan outlet.
        main = rouge if rng.random() < 0.5 else rng.choice(other_series)
        extra = rng.choice(other_series) if rng.random() < 0.2 else None
        title = rng.choice(HEADLINES[kind]).format(series=main.title)
        body = rng.choice(bodies)
        articles.append(
            Article(
                title=title,
                slug=f"bench-{n}-{slugify(title)[:150]}",
                dek=f"Story {n} of the benchmark: {title.lower()}.",
                kind=kind,
                section=sections[SECTION_OF_KIND[kind]],
                lead_image=rng.choice(images),
                status=Article.Status.PUBLISHED,
                publish_at=now - timedelta(minutes=SPACING_MINUTES * (n + 1)),
                **body,
            )
        )
        plans.append(
            {
                "authors": rng.sample(authors, rng.choice([1, 1, 1, 2])),
                "series": [main] if extra in (None, main) else [main, extra],
                "people": [rng.choice(people)] if rng.random() < 0.2 else [],
                "tags": rng.sample(tags, rng.choice([1, 2, 3])),
            }
        )

    article_type = ContentType.objects.get_for_model(Article)
    with transaction.atomic():
        Article.objects.bulk_create(articles, batch_size=1_000)
        # Not every backend returns the new primary keys: read them back, in
        # creation order (newest first).
        ids = list(
            Article.objects.filter(slug__startswith="bench-")
            .order_by("-publish_at")
            .values_list("pk", flat=True)
        )
        rows = list(zip(ids, plans, articles, strict=True))
        bulk = {"batch_size": 2_000}
        Article.authors.through.objects.bulk_create(
            (
                Article.authors.through(article_id=pk, author_id=author.pk)
                for pk, plan, _ in rows
                for author in plan["authors"]
            ),
            **bulk,
        )
        Article.series.through.objects.bulk_create(
            (
                Article.series.through(article_id=pk, series_id=series.pk)
                for pk, plan, _ in rows
                for series in plan["series"]
            ),
            **bulk,
        )
        Article.people.through.objects.bulk_create(
            (
                Article.people.through(article_id=pk, person_id=person.pk)
                for pk, plan, _ in rows
                for person in plan["people"]
            ),
            **bulk,
        )
        TaggedItem.objects.bulk_create(
            (
                TaggedItem(tag_id=tag.pk, content_type=article_type, object_id=pk)
                for pk, plan, _ in rows
                for tag in plan["tags"]
            ),
            **bulk,
        )
        Review.objects.bulk_create(
            (
                make_review(rng, pk, plan["series"][0])
                for pk, plan, article in rows
                if article.kind == "review"
            ),
            **bulk,
        )
        for start in range(0, len(ids), VECTOR_BATCH):
            update_search_vector(ids[start : start + VECTOR_BATCH])
    if connection.vendor == "postgresql":
        # What autovacuum would soon do on a real server; doing it now keeps
        # the planner's statistics (and so the plans) the same on every run.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def rendered_body(source: str) -> dict:
    """The body and the columns ``Article.render_body`` derives from it."""
    from newsroom.articles.body.embeds import body_text, render_body

    result = render_body(source)
    return {
        "body": source,
        "body_html": result.html,
        "embed_keys": "".join(f" {key} " for key in sorted(result.refs)),
        "render_valid_until": result.valid_until,
        "search_text": body_text(result.html),
    }


def make_review(rng: random.Random, article_id: int, series):
    from reviews.models import Review

    review_type = rng.choice(REVIEW_TYPES)
    episode = rng.randint(1, 12) if review_type == "episode" else None
    return Review(
        article_id=article_id,
        review_type=review_type,
        score=Decimal(rng.randint(6, 19)) / 2,  # 3 to 9.5 in half points
        verdict="Handsome, hurried and worth your evenings.",
        pros="Striking animation\nA score that carries the quiet scenes",
        cons="A slow middle stretch",
        series=series,
        season_number=1 if review_type == "season" else None,
        episode_from=episode,
        reviewed_from="Watched as it streamed.",
    )


# Measuring ----------------------------------------------------------------------


@dataclass
class Result:
    """One row of the table; ``queries`` is the most any timed run made."""

    name: str
    status: int | str
    queries: int
    kb: float | None
    median_ms: float
    p95_ms: float


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: the value below which ``pct`` % of runs fall."""
    ordered = sorted(values)
    return ordered[max(math.ceil(pct / 100 * len(ordered)) - 1, 0)]


def summarise(name, status, queries, size, times_ms) -> Result:
    return Result(
        name=name,
        status=status,
        queries=max(queries),
        kb=None if size is None else round(size / 1024, 1),
        median_ms=round(statistics.median(times_ms), 1),
        p95_ms=round(percentile(times_ms, 95), 1),
    )


def measure_url(client, url: str, repeat: int) -> Result:
    """GET ``url`` twice to warm up, then ``repeat`` times with a stopwatch."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UPS):
        client.get(url)
    times, queries = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            if response.streaming:
                content = b"".join(response.streaming_content)
            else:
                content = response.content
            times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured.captured_queries))
    return summarise(url, response.status_code, queries, len(content), times)


def measure_publish(repeat: int) -> Result:
    """Publish fresh drafts through the workflow service, as an editor would."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsroom.articles.models import Article, Author, Section
    from newsroom.articles.services import article_transition
    from newsroom.kernel.media.models import Image

    editor = get_user_model().objects.get(username="editor")
    section = Section.objects.get(slug="news")
    author = Author.objects.get(slug=AUTHOR_SLUG)
    body = BODIES[1].format(image=Image.objects.order_by("pk")[0].pk)
    times, queries, live = [], [], True
    for n in range(WARM_UPS + repeat):
        draft = Article.objects.create(
            title=f"Benchmark draft {n}",
            slug=f"benchmark-draft-{n}",
            body=body,
            section=section,
        )
        draft.authors.add(author)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            article = article_transition(article=draft, user=editor, action="publish")
            elapsed = (time.perf_counter() - started) * 1000
        live = live and article.is_live
        if n >= WARM_UPS:
            times.append(elapsed)
            queries.append(len(captured.captured_queries))
    status = "ok" if live else "not live"
    return summarise(
        "publish an article (article_transition)", status, queries, None, times
    )


def measure_all(repeat: int) -> list[Result]:
    from django.test import Client

    # A crashing page is reported as a 500 in the table, not a traceback.
    client = Client(HTTP_HOST=HOST, raise_request_exception=False)
    results = []
    for url in URLS:
        result = measure_url(client, url, repeat)
        print(f"  {url}  {result.median_ms:.1f} ms", file=sys.stderr)
        results.append(result)
    results.append(measure_publish(repeat))
    return results


# Reporting ----------------------------------------------------------------------


def environment(articles_added: int) -> dict:
    """What the numbers were measured on: backend, data size, versions, machine."""
    import django
    from django.conf import settings
    from django.db import connection

    from newsroom.articles.models import Article

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            backend = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        backend = f"SQLite {sqlite3.sqlite_version}"
    return {
        "backend": backend,
        "articles_added": articles_added,
        "articles_live": Article.objects.live().count(),
        "articles_total": Article.objects.count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "cpu_count": os.cpu_count(),
        "machine": f"{platform.machine()}, {platform.platform(terse=True)}",
        # Other work on the machine shows up as noise, mostly in the p95.
        "load_average": round(os.getloadavg()[0], 2),
        "debug": settings.DEBUG,
    }


def print_report(env: dict, timings: dict, repeat: int, results: list[Result]):
    print()
    print(
        f"Shimbun benchmark on {env['backend']}: {env['articles_live']:,} live "
        f"articles ({env['articles_total']:,} in all)"
    )
    print(f"Python {env['python']}, Django {env['django']}, DEBUG={env['debug']}")
    print(
        f"Machine: {env['cpu_count']} CPUs, {env['machine']}, "
        f"load average {env['load_average']} before measuring"
    )
    print(
        f"Data load: migrate {timings['migrate']:.1f} s, demo {timings['demo']:.1f} s,"
        f" {env['articles_added']:,} bench articles {timings['articles']:.1f} s"
    )
    print(
        f"Times: median and 95th percentile of {repeat} runs after {WARM_UPS} "
        "warm-ups; page cache off"
    )
    print()
    width = max(display_width(result.name) for result in results)
    header = (
        f"{pad('URL', width)}  {'status':>6}  {'queries':>7}  {'KB':>7}  "
        f"{'median ms':>9}  {'p95 ms':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        kb = "-" if r.kb is None else f"{r.kb:.1f}"
        print(
            f"{pad(r.name, width)}  {r.status!s:>6}  {r.queries:>7}  {kb:>7}  "
            f"{r.median_ms:>9.1f}  {r.p95_ms:>8.1f}"
            + ("  <-- NOT 200" if r in failures(results) else "")
        )


def display_width(text: str) -> int:
    """Columns the text takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def failures(results: list[Result]) -> list[Result]:
    return [r for r in results if r.status not in (200, "ok")]


def main(argv=None) -> int:
    args = parse_args(argv)
    # Being stopped (kill, Ctrl-C) still runs the clean-up below.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    workdir = Path(tempfile.mkdtemp(prefix="shimbun-bench-"))
    database = ThrowawayDatabase(args.database_url, workdir)
    try:
        database.create()
        configure_django(database.url, workdir)
        print(f"Loading the demo and {args.articles:,} articles…", file=sys.stderr)
        timings = load_data(args.articles)
        print(
            f"Data loaded in {sum(timings.values()):.1f} s; measuring…",
            file=sys.stderr,
        )
        env = environment(args.articles)
        results = measure_all(args.repeat)
    finally:
        if args.keep:
            print(f"Kept {database.url} and {workdir}", file=sys.stderr)
        else:
            database.drop()
            shutil.rmtree(workdir, ignore_errors=True)

    print_report(env, timings, args.repeat, results)
    if args.json:
        report = {
            **env,
            "repeat": args.repeat,
            "warm_ups": WARM_UPS,
            "load_seconds": {key: round(value, 2) for key, value in timings.items()},
            "results": [asdict(result) for result in results],
        }
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    failed = failures(results)
    if failed:
        print(file=sys.stderr)
        for result in failed:
            print(
                f"!!! {result.name} answered {result.status}, not 200 !!!",
                file=sys.stderr,
            )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
