"""Save what the demo site serves (feeds, sitemaps, pages, search) at a frozen
moment, one file per address, to compare two versions of the code byte for
byte (a restructuring must change none of it).

Usage, from the project folder, once per version, then ``diff -r A B``:

    DATABASE_URL=sqlite:////tmp/a.db MEDIA_ROOT=/tmp/a-media \\
        INCOMING_ROOT=/tmp/a-incoming .venv/bin/python scripts/snapshot_site.py /tmp/a

CSP nonces and CSRF tokens are blanked; everything else is kept as served.
The database named must be new (the demo is loaded into it).
"""

import os
import re
import sys
from pathlib import Path

import time_machine

FROZEN_AT = "2026-12-01 12:00:00+00:00"
MAX_ADDRESSES = 400
START = [
    "/", "/sitemap.xml", "/robots.txt", "/feeds/", "/feeds/rss/", "/feeds/atom/",
    "/reviews/feed/rss/", "/reviews/feed/atom/", "/search/?q=metallic",
    "/search/?q=Metallic+Rogue", "/season/",
]  # fmt: skip
SKIPPED = ("/static/", "/media/", "/admin", "/go/", "/banner/")
SECRETS = re.compile(
    rb'nonce="[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"|csrftoken=[^;]*'
)
LINKS = re.compile(
    rb'(?:href|<loc>)(?:="|)(?:http://testserver|http://127.0.0.1:8000)?(/[^"<#\s]*)'
)


def snapshot(out: Path) -> int:
    """Load the demo, then save every address reachable from START."""
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from newsroom.kernel.tasks import work_queue_until_empty

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    work_queue_until_empty()
    out.mkdir(parents=True, exist_ok=True)
    client, seen, todo = Client(), set(), list(START)
    while todo and len(seen) <= MAX_ADDRESSES:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        name = re.sub(r"[^A-Za-z0-9._-]", "_", url)
        saved = f"{response.status_code}\n".encode() + SECRETS.sub(b"NONCE", body)
        (out / name).write_bytes(saved)
        if "html" in response.get("Content-Type", "") or "xml" in response.get(
            "Content-Type", ""
        ):
            for match in LINKS.finditer(body):
                found = match.group(1).decode().replace("&amp;", "&")
                if not found.startswith(SKIPPED) and found not in seen:
                    todo.append(found)
    return len(seen)


def main() -> None:
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.site.settings")
    with time_machine.travel(FROZEN_AT, tick=False):
        import django

        django.setup()
        print(snapshot(Path(sys.argv[1])), "addresses saved")


if __name__ == "__main__":
    main()
