"""The newsroom's roles as Django groups, and the permissions each holds."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

WRITERS = "Writers"
EDITORS = "Editors"

_VIEW_ONLY = ["section", "author", "series", "studio", "person", "role"]
#: Editors hold every permission of these apps (the audit log is read-only
#: in the admin whatever the permission says).
EDITOR_APPS = [
    "newsroom",
    "media",
    "slugs",
    "sitewide",
    "audit",
    "series",
    "reviews",
    "merch",
    "taggit",
]


def ensure_roles() -> dict[str, Group]:
    """Create or refresh the Writers and Editors groups. Safe to run repeatedly."""
    writers, _ = Group.objects.get_or_create(name=WRITERS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)

    writer_perms = Permission.objects.filter(
        Q(
            content_type__app_label="newsroom",
            codename__in=["add_article", "change_article", "view_article"],
        )
        | Q(codename__in=[f"view_{model}" for model in _VIEW_ONLY])
        | Q(content_type__app_label="taggit", codename__in=["view_tag", "add_tag"])
    )
    editor_perms = Permission.objects.filter(content_type__app_label__in=EDITOR_APPS)
    writers.permissions.set(writer_perms)
    editors.permissions.set(editor_perms)
    return {WRITERS: writers, EDITORS: editors}
