"""The newsroom's roles as Django groups, and the permissions each holds.

- **Writers** write and submit their own pieces: they add articles and edit
  their own drafts (the article services decide which), fill the score box of
  their own reviews, upload images and set lead images, and look up the
  encyclopedia, tags and merch to refer to them.
- **Editors** do everything in the newsroom: any article and every workflow
  move, the media library, the encyclopedia, reviews, merch, banners and
  standing pages, tags and the audit log.
- **Admins** hold what editors hold, and manage people (staff accounts and
  groups, their two-factor devices, login lockouts).

``manage.py setup_roles`` makes them; it is safe to run again after an
upgrade, and sets each group to exactly this list.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

WRITERS = "Writers"
EDITORS = "Editors"
ADMINS = "Admins"
ROLES = [WRITERS, EDITORS, ADMINS]

#: Writers' permissions, app label → codenames.
WRITER_PERMISSIONS = {
    "newsroom": [
        "add_article",
        "change_article",
        "delete_article",
        "view_article",
        "view_section",
        "view_author",
    ],
    "reviews": ["add_review", "change_review", "view_review"],
    "media": ["add_image", "change_image", "view_image"],
    "series": [
        "view_series",
        "view_studio",
        "view_person",
        "view_role",
        "view_episode",
    ],
    "merch": ["view_merchitem", "view_retailer"],
    "taggit": ["add_tag", "view_tag"],
}

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

#: Admins add these apps: people, their second factors, login lockouts and
#: the background tasks' results.
ADMIN_APPS = ["auth", "otp_totp", "axes", "django_tasks_database"]


def _codenames(table: dict[str, list[str]]) -> Q:
    condition = Q(pk__in=[])
    for app_label, codenames in table.items():
        condition |= Q(content_type__app_label=app_label, codename__in=codenames)
    return condition


def role_permissions() -> dict[str, Q]:
    """Which permissions each role holds, as a filter on Permission."""
    editors = Q(content_type__app_label__in=EDITOR_APPS)
    return {
        WRITERS: _codenames(WRITER_PERMISSIONS),
        EDITORS: editors,
        ADMINS: editors | Q(content_type__app_label__in=ADMIN_APPS),
    }


def ensure_roles() -> dict[str, Group]:
    """Create or refresh the role groups. Safe to run repeatedly."""
    groups = {}
    for name, condition in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(condition))
        groups[name] = group
    return groups
