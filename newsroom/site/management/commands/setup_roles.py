from django.core.management.base import BaseCommand

from newsroom.site.roles import ensure_roles


class Command(BaseCommand):
    help = (
        "Create or refresh the Writers, Editors and Admins groups and their "
        "permissions (newsroom/site/roles.py says who may do what)."
    )

    def handle(self, *args, **options):
        groups = ensure_roles()
        for name, group in groups.items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")
