"""Check every active merch link; run it from cron (e.g. nightly)."""

from django.core.management.base import BaseCommand

from newsroom.merch import check_links


class Command(BaseCommand):
    help = "Check active merch items' links and mark dead or redirected ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout", type=float, default=10, help="Seconds per link (default 10)."
        )

    def handle(self, *args, timeout, **options):
        counts = check_links(timeout=timeout)
        summary = ", ".join(f"{status}: {n}" for status, n in sorted(counts.items()))
        self.stdout.write(summary or "No active items to check.")
