"""Check every active merch link; run it from cron (e.g. nightly)."""

from django.core.management.base import BaseCommand

from newsroom.merch import tasks
from newsroom.merch.links import check_links


class Command(BaseCommand):
    help = "Check active merch items' links and mark dead or redirected ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout", type=float, default=10, help="Seconds per link (default 10)."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Leave the checking to the background worker and return at once.",
        )

    def handle(self, *args, timeout, enqueue, **options):
        if enqueue:
            result = tasks.check_merch_links.enqueue(timeout=timeout)
            self.stdout.write(f"Queued as task {result.id}.")
            return
        counts = check_links(timeout=timeout)
        summary = ", ".join(f"{status}: {n}" for status, n in sorted(counts.items()))
        self.stdout.write(summary or "No active items to check.")
