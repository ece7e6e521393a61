"""A real PostgreSQL restart under the real site (issue 13, finding 12).

The site runs as production runs it (gunicorn with two sync workers, DEBUG
off, WhiteNoise, no cache, persistent connections) against a PostgreSQL
cluster of this test's own, which it shuts down and restarts while readers
and an editor use the site. ``test_database_outage.py`` covers the same
promises with simulated failures, query by query.
"""

import http.client
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest

from tests.security.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
EDITOR, PASSWORD = "restart-editor", "restart-editor-pw-2024"
SETUP_TIMEOUT = 60
SITE_APPLICATION_NAME = "shimbun-site"
# Bounds on the traffic while the database restarts: per client, at most this
# many requests and this many seconds, whichever comes first.
MAX_REQUESTS_PER_CLIENT = 400
TRAFFIC_SECONDS = 30
# After the database is back, each client goes on until it has had this many
# pages in full (a saving tab: this many acknowledged saves).
REQUESTS_AFTER_RESTART = 6

SETUP_SCRIPT = f"""
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from newsroom.articles.models import Article, Author, Section
from newsroom.site.roles import EDITORS, ensure_roles

call_command("migrate", interactive=False, verbosity=0)
editor = get_user_model().objects.create_user(
    {EDITOR!r}, password={PASSWORD!r}, is_staff=True
)
editor.groups.add(ensure_roles()[EDITORS])
section = Section.objects.create(name="News", slug="news")
author = Author.objects.create(name="Kana Mori", slug="kana-mori")
articles = []
for n in range(1, 6):
    article = Article.objects.create(
        title=f"Metallic Rouge news {{n}}",
        slug=f"metallic-rouge-news-{{n}}",
        dek=f"What Bones said about episode {{n}}.",
        body=f"Bones has **dated** episode {{n}}.",
        section=section,
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(hours=n),
    )
    article.authors.set([author])
    articles.append(article)
print(json.dumps({{
    "read": articles[0].get_absolute_url(),
    "edit": [articles[1].pk, articles[2].pk],
}}))
"""


class FormFields(HTMLParser):
    """What a browser would send from the form with id ``form_id``: every
    named input, checked box, selected option and textarea, as typed."""

    SKIPPED_INPUTS = {"submit", "button", "image", "reset", "file"}

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.select = None
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
        if not self.inside or "disabled" in attributes:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            if kind in self.SKIPPED_INPUTS:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attributes:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.fields.append((name, attributes.get("value") or default))
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attributes}
            self.select["options"] = []
        elif tag == "option" and self.select is not None:
            self.option = [attributes.get("value"), "", "selected" in attributes]
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.option is not None:
            self.option[1] += data
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "option" and self.option is not None:
            value, text, selected = self.option
            self.select["options"].append((text if value is None else value, selected))
            self.option = None
        elif tag == "select" and self.select is not None:
            options = self.select["options"]
            chosen = [value for value, selected in options if selected]
            if not chosen and options and not self.select["multiple"]:
                chosen = [options[0][0]]
            self.fields += [(self.select["name"], value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # Browsers drop the one newline that may follow <textarea>.
            self.fields.append((name, text.removeprefix("\r").removeprefix("\n")))
            self.textarea = None


def form_fields(page: str, form_id: str) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(page)
    parser.close()
    return parser.fields


@dataclass
class Answer:
    """One request as a client saw it, with when it was sent and answered."""

    client: str
    method: str
    path: str
    sent: float
    answered: float
    status: int
    retry_after: str | None
    location: str | None
    body: str

    def __str__(self):
        extra = f" Retry-After: {self.retry_after}" if self.retry_after else ""
        to = f" -> {self.location}" if self.location else ""
        return f"{self.client}: {self.method} {self.path} {self.status}{to}{extra}"


class Browser:
    """A plain HTTP client with a cookie jar: one reader or one editor."""

    def __init__(self, port: int, name: str, log: list[Answer]):
        self.port = port
        self.name = name
        self.log = log
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form=None) -> Answer:
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            jar = list(self.cookies.items())
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar)
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode(errors="replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        answer = Answer(
            client=self.name,
            method=method,
            path=path,
            sent=sent,
            answered=time.monotonic(),
            status=response.status,
            retry_after=response.headers.get("Retry-After"),
            location=response.headers.get("Location"),
            body=content,
        )
        self.log.append(answer)
        return answer

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, form) -> Answer:
        return self.request("POST", path, form)


@dataclass
class Site:
    """The site served by gunicorn, and what it needs to be driven."""

    port: int
    database_url: str
    read_path: str
    edit_ids: list[int]
    log_file: Path

    @property
    def reader_paths(self) -> list[str]:
        return ["/", self.read_path, "/feeds/rss/", "/search/?q=Metallic+Rouge"]

    @staticmethod
    def change_path(article_id: int) -> str:
        return f"/admin/newsroom/article/{article_id}/change/"

    def server_log(self) -> str:
        return self.log_file.read_text(errors="replace")[-6000:]

    def query(self, sql: str, params=()):
        """Read the site's database directly, the way an operator would check."""
        with psycopg.connect(self.database_url, connect_timeout=5) as connection:
            return connection.execute(sql, params).fetchall()

    def site_connections(self) -> int:
        """How many connections the gunicorn workers hold open (by their
        application name: this test's own, just closed, may linger a moment)."""
        rows = self.query(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
            [SITE_APPLICATION_NAME],
        )
        return rows[0][0]


def _site_environment(database_url: str, work: Path) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"TEST_DATABASE_NAME", "SENTRY_DSN", "ADMINS", "TASKS_URL"}
    }
    return environment | {
        "DEBUG": "0",
        "SECRET_KEY": "restart-test-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": f"{database_url}?application_name={SITE_APPLICATION_NAME}",
        "CACHE_URL": "dummy://",
        "DB_CONN_MAX_AGE": "60",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "INCOMING_ROOT": str(work / "incoming"),
        "REQUIRE_2FA_FOR": "",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def _wait_for_port(port: int, server: subprocess.Popen, log_file: Path):
    deadline = time.monotonic() + SETUP_TIMEOUT
    while True:
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            probe.request("GET", "/robots.txt", headers={"Host": "127.0.0.1"})
            if probe.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            probe.close()
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn did not start:\n{log_file.read_text()}")
        time.sleep(0.1)


@pytest.fixture
def site(postgres_cluster, tmp_path):
    """Migrate and fill the private cluster, collect the static files, and
    serve the site with gunicorn; stopped by its PID afterwards."""
    with psycopg.connect(postgres_cluster.url, autocommit=True) as connection:
        connection.execute("CREATE DATABASE shimbun")
    database_url = postgres_cluster.url.rsplit("/", 1)[0] + "/shimbun"
    environment = _site_environment(database_url, tmp_path)
    manage = [sys.executable, "manage.py"]
    collect = subprocess.Popen(
        [*manage, "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
    )
    try:
        filled = subprocess.run(
            [*manage, "shell", "-v", "0", "-c", SETUP_SCRIPT],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=SETUP_TIMEOUT,
        )
        assert filled.returncode == 0, filled.stderr
        assert collect.wait(timeout=SETUP_TIMEOUT) == 0
    finally:
        if collect.poll() is None:
            collect.kill()
            collect.wait()
    made = json.loads(filled.stdout.strip().splitlines()[-1])
    port = free_port()
    log_file = tmp_path / "gunicorn.log"
    with log_file.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "newsroom.site.wsgi"]
            + ["--workers", "2", "--worker-class", "sync"]
            + ["--bind", f"127.0.0.1:{port}", "--graceful-timeout", "5"],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_port(port, server, log_file)
        yield Site(
            port=port,
            database_url=database_url,
            read_path=made["read"],
            edit_ids=made["edit"],
            log_file=log_file,
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def log_in(site: Site, log: list[Answer]) -> Browser:
    editor = Browser(site.port, "editor", log)
    login = "/admin/login/?next=/admin/"
    page = editor.get(login)
    assert page.status == 200, site.server_log()
    form = dict(form_fields(page.body, "login-form"))
    form |= {"username": EDITOR, "password": PASSWORD}
    answer = editor.post(login, form)
    assert (answer.status, answer.location) == (302, "/admin/"), answer
    return editor


class Saver:
    """An editor saving one article over and over, each save giving the title
    a new number; it remembers which saves the site acknowledged."""

    def __init__(self, site: Site, editor: Browser, article_id: int):
        self.site = site
        self.editor = editor
        self.article_id = article_id
        self.path = site.change_path(article_id)
        self.numbers = iter(range(1, 10_000))
        self.acknowledged: list[str] = []
        self.attempted: list[str] = []

    def save(self) -> Answer:
        """Open the change form and save it with a new title (the form's own
        CSRF token and base_version). Returns the form's answer if it could
        not be opened, else the save's."""
        page = self.editor.get(self.path)
        if page.status != 200:
            return page
        title = f"Article {self.article_id}, save {next(self.numbers)}"
        fields = [
            (name, title if name == "title" else value)
            for name, value in form_fields(page.body, "article_form")
        ]
        self.attempted.append(title)
        answer = self.editor.post(self.path, [*fields, ("_save", "Save")])
        if acknowledged(answer):
            self.acknowledged.append(title)
        return answer


def acknowledged(answer: Answer) -> bool:
    """A save the editor was told succeeded: the admin's redirect to the list."""
    return answer.status == 302 and answer.location == "/admin/newsroom/article/"


def served(answer: Answer) -> bool:
    """A page a reader or editor got in full (a save: its acknowledgement)."""
    if answer.method == "POST":
        return acknowledged(answer)
    return answer.status == 200


def unavailable(answer: Answer) -> bool:
    """The outage answer: 503 with the Retry-After the error page promises."""
    return answer.status == 503 and answer.retry_after == "30"


def article_state(site: Site, article_id: int) -> dict:
    """An article's title, version and revisions, read from the database."""
    [(title, version)] = site.query(
        "SELECT title, version FROM newsroom_article WHERE id = %s", [article_id]
    )
    revisions = site.query(
        "SELECT number, data->>'title' FROM newsroom_revision"
        " WHERE article_id = %s ORDER BY number",
        [article_id],
    )
    return {"title": title, "version": version, "revisions": revisions}


def side_by_side(walks: list[tuple[Browser, list[str]]]) -> list[Answer]:
    """Each client requests its paths, the clients at the same time, so both
    gunicorn workers get work."""
    answers: dict[str, list[Answer]] = {}

    def walk(client: Browser, paths: list[str]):
        answers[client.name] = [client.get(path) for path in paths]

    threads = [threading.Thread(target=walk, args=pair) for pair in walks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(answers) == len(walks), "a client failed"
    return [answer for client_answers in answers.values() for answer in client_answers]


def until_both_workers_connected(site: Site, walks) -> list[Answer]:
    """Walk the clients side by side until both gunicorn workers hold a
    database connection (a bounded number of rounds)."""
    answers = []
    for _ in range(10):
        answers += side_by_side(walks)
        if site.site_connections() == 2:
            break
    return answers


def assert_saved_whole(saver: Saver, before: dict, after: dict):
    """No acknowledged save is lost: the last one is what is stored, and each
    has its revision. Each save that went in went in whole: one version and
    one revision apiece, numbered in order, each one this editor's."""
    assert after["title"] == saver.acknowledged[-1] == saver.attempted[-1]
    stored = [title for _, title in after["revisions"]]
    assert set(saver.acknowledged) <= set(stored)
    new = after["revisions"][len(before["revisions"]) :]
    assert after["version"] - before["version"] == len(new)
    assert [number for number, _ in after["revisions"]] == list(
        range(1, len(after["revisions"]) + 1)
    )
    assert {title for _, title in new} <= set(saver.attempted)
    assert stored[-1] == after["title"]


@pytest.mark.slow(seconds=20)
def test_a_database_restart_shows_no_500_and_loses_no_acknowledged_save(
    site, postgres_cluster
):
    log: list[Answer] = []
    reader = Browser(site.port, "reader", log)
    editor = log_in(site, log)
    savers = [Saver(site, editor, article_id) for article_id in site.edit_ids]
    # A first save gives each article its starting revision, so every later
    # save adds exactly one revision and one version.
    for saver in savers:
        assert acknowledged(saver.save()), site.server_log()

    # 1. Both workers hold a persistent connection; the database restarts with
    # no request running. Each worker's first request afterwards finds its
    # connection dead: the health check replaces it, so every answer from the
    # restart on is in full, until both workers are connected again.
    admin_pages = ["/admin/newsroom/article/", savers[0].path]
    walks = [(reader, site.reader_paths), (editor, admin_pages)]
    warm = until_both_workers_connected(site, walks)
    assert [str(a) for a in warm if not served(a)] == []
    assert site.site_connections() == 2, "each worker keeps one connection"
    postgres_cluster.restart()
    after_quiet_restart = until_both_workers_connected(site, walks)
    assert [str(a) for a in after_quiet_restart if not served(a)] == []
    assert site.site_connections() == 2, "both workers reconnected"

    # 2. The database is down: every page, the admin and a save answer 503
    # with Retry-After (never 500, never a redirect to the login), and the
    # refused save stored nothing. Once it is up again, everything is 200.
    article_id = savers[0].article_id
    before = article_state(site, article_id)
    form = editor.get(savers[0].path)
    fields = form_fields(form.body, "article_form")
    postgres_cluster.stop()
    down = [reader.get(path) for path in site.reader_paths]
    down += [editor.get(path) for path in admin_pages]
    down.append(
        editor.post(
            savers[0].path,
            [(n, "Never stored" if n == "title" else v) for n, v in fields]
            + [("_save", "Save")],
        )
    )
    assert [str(a) for a in down if not unavailable(a)] == []
    assert "back in a moment" in down[0].body
    postgres_cluster.start()
    back = side_by_side(walks)
    assert [str(a) for a in back if not served(a)] == []
    assert article_state(site, article_id) == before

    # 3. The database restarts while a reader browses, an editor browses the
    # admin and, in two more tabs, saves two articles again and again. Each
    # client stops once it has had REQUESTS_AFTER_RESTART pages in full (a
    # saving tab: acknowledged saves) after the restart, or at its bounds.
    before = {s.article_id: article_state(site, s.article_id) for s in savers}
    first = len(log)
    restart = {}
    failures = []
    steps = [
        lambda n: reader.get(site.reader_paths[n % len(site.reader_paths)]),
        lambda n: editor.get(admin_pages[n % 2]),
        *[lambda n, saver=saver: saver.save() for saver in savers],
    ]
    # Each client signals once it is under way, and goes on without waiting:
    # the restart then finds the clients at random points of their requests.
    busy = [threading.Event() for _ in steps]

    def traffic(step, under_way):
        try:
            deadline = time.monotonic() + TRAFFIC_SECONDS
            in_full_after = 0
            for n in range(MAX_REQUESTS_PER_CLIENT):
                answer = step(n)
                if n == 2:
                    under_way.set()
                if "up" in restart and answer.sent > restart["up"]:
                    in_full_after += served(answer)
                if in_full_after >= REQUESTS_AFTER_RESTART:
                    return
                if time.monotonic() > deadline:
                    return
        except Exception as exc:
            failures.append(exc)
            under_way.set()

    threads = [
        threading.Thread(target=traffic, args=pair)
        for pair in zip(steps, busy, strict=True)
    ]
    for thread in threads:
        thread.start()
    for under_way in busy:
        under_way.wait(timeout=60)
    restart["down"] = time.monotonic()
    postgres_cluster.restart()
    restart["up"] = time.monotonic()
    for thread in threads:
        thread.join(timeout=TRAFFIC_SECONDS + 60)
    assert failures == []

    answers = log[first:]
    # No 500, ever: each answer is the page (or the save's acknowledgement)
    # or the outage answer, 503 with Retry-After.
    wrong = [str(a) for a in answers if not (served(a) or unavailable(a))]
    assert wrong == [], site.server_log()
    # From the moment pg_ctl restart had returned, every request in full: no
    # stale connection shows through, in either worker.
    after = [a for a in answers if a.sent > restart["up"]]
    assert [str(a) for a in after if not served(a)] == [], site.server_log()
    assert {a.path for a in after} >= {*site.reader_paths, *admin_pages}
    for saver in savers:
        saved_after = [a for a in after if a.path == saver.path and acknowledged(a)]
        assert len(saved_after) >= REQUESTS_AFTER_RESTART
        state = article_state(site, saver.article_id)
        assert_saved_whole(saver, before[saver.article_id], state)

    posts = [a for a in answers if a.method == "POST"]
    print(
        f"\nrestart under traffic: {len(answers)} requests, "
        f"{sum(map(unavailable, answers))} answered 503; {len(posts)} saves, "
        f"{sum(map(acknowledged, posts))} acknowledged, "
        f"{sum(map(unavailable, posts))} answered 503"
    )
