"""Who may open which admin page and run which action, role by role.

The tables below are written out by hand, as the newsroom would describe its
roles, and the test walks every model the admin registers: a model missing
from a table fails, so a new admin page cannot arrive without a decision.
"""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from newsroom.site.roles import ADMINS, EDITORS, WRITERS
from tests import factories

NONE, VIEW, ADD, FULL = "none", "view", "add", "full"

#: What each role may do on each admin page: nothing (403), look (the list
#: and read-only forms), add (and look), or everything the page offers.
ACCESS = {
    WRITERS: {
        "newsroom.article": FULL,
        # Everyone reads their own notifications, and nobody writes them.
        "notifications.notification": VIEW,
        "newsroom.section": VIEW,
        "newsroom.author": VIEW,
        "newsroom.transition": NONE,
        "media.image": ADD,
        "merch.merchitem": VIEW,
        "merch.retailer": VIEW,
        "series.series": VIEW,
        "series.person": VIEW,
        "series.studio": VIEW,
        "series.role": VIEW,
        "taggit.tag": ADD,
        "sitewide.banner": NONE,
        "sitewide.page": NONE,
        "audit.auditentry": NONE,
        "auth.user": NONE,
        "auth.group": NONE,
        "otp_totp.totpdevice": NONE,
        "axes.accessattempt": NONE,
        "axes.accesslog": NONE,
        "axes.accessfailurelog": NONE,
        "django_tasks_database.dbtaskresult": NONE,
    },
    EDITORS: {
        "newsroom.article": FULL,
        "notifications.notification": VIEW,
        "newsroom.section": FULL,
        "newsroom.author": FULL,
        "newsroom.transition": VIEW,
        "media.image": FULL,
        "merch.merchitem": FULL,
        "merch.retailer": FULL,
        "series.series": FULL,
        "series.person": FULL,
        "series.studio": FULL,
        "series.role": FULL,
        "taggit.tag": FULL,
        "sitewide.banner": FULL,
        "sitewide.page": FULL,
        "audit.auditentry": VIEW,
        "auth.user": NONE,
        "auth.group": NONE,
        "otp_totp.totpdevice": NONE,
        "axes.accessattempt": NONE,
        "axes.accesslog": NONE,
        "axes.accessfailurelog": NONE,
        "django_tasks_database.dbtaskresult": NONE,
    },
}
ACCESS[ADMINS] = {
    **ACCESS[EDITORS],
    "auth.user": FULL,
    "auth.group": FULL,
    "otp_totp.totpdevice": FULL,
    # Login records are kept by the lockout, not typed in.
    "axes.accessattempt": VIEW,
    "axes.accesslog": VIEW,
    "axes.accessfailurelog": VIEW,
    "django_tasks_database.dbtaskresult": VIEW,
}

#: The bulk actions each role is offered on the article list.
ARTICLE_ACTIONS = {
    WRITERS: {"delete_selected", "submit_selected"},
    EDITORS: {
        "delete_selected",
        "submit_selected",
        "approve_selected",
        "publish_selected",
        "unpublish_selected",
    },
}
ARTICLE_ACTIONS[ADMINS] = ARTICLE_ACTIONS[EDITORS]


def registered_labels():
    return sorted(model._meta.label_lower for model in admin.site._registry)


@pytest.fixture
def role_client(client, roles):
    def log_in(role):
        user = factories.staff_user(
            f"{role.lower()}-user", "pw-role-123", groups=[roles[role]]
        )
        client.force_login(user)
        return client

    return log_in


@pytest.mark.parametrize("role", [WRITERS, EDITORS, ADMINS])
def test_every_admin_page_has_a_decision_for_every_role(role):
    assert sorted(ACCESS[role]) == registered_labels()


@pytest.mark.parametrize("role", [WRITERS, EDITORS, ADMINS])
@pytest.mark.parametrize("label", registered_labels())
def test_admin_pages_answer_each_role_as_the_table_says(role_client, role, label):
    client = role_client(role)
    app_label, model_name = label.split(".")
    access = ACCESS[role][label]
    changelist = client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    add = client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    assert changelist.status_code == (403 if access == NONE else 200)
    assert add.status_code == (200 if access in {ADD, FULL} else 403)
    index = client.get(reverse("admin:index")).content.decode()
    listed = f"/admin/{app_label}/{model_name}/" in index
    assert listed == (access != NONE)


@pytest.mark.parametrize("role", [WRITERS, EDITORS, ADMINS])
def test_article_list_offers_each_role_its_actions(role_client, role):
    response = role_client(role).get(reverse("admin:newsroom_article_changelist"))
    offered = {
        name
        for name, _label in response.context["action_form"].fields["action"].choices
    } - {""}
    assert offered == ARTICLE_ACTIONS[role]


def test_a_writer_edits_only_their_own_uploads(role_client, make_image):
    client = role_client(WRITERS)
    writer = client.session["_auth_user_id"]
    own, others = make_image(title="Mine"), make_image(title="Someone else's")
    own.uploaded_by_id = int(writer)
    own.save()
    own_page = client.get(reverse("admin:media_image_change", args=[own.pk]))
    other_page = client.get(reverse("admin:media_image_change", args=[others.pk]))
    assert own_page.context["has_change_permission"] is True
    assert other_page.context["has_change_permission"] is False
    refused = client.post(
        reverse("admin:media_image_change", args=[others.pk]),
        {"title": "Renamed", "alt_text": "x"},
    )
    assert refused.status_code == 403
    others.refresh_from_db()
    assert others.title == "Someone else's"


def test_a_writer_may_search_the_library_for_a_lead_image(role_client, make_image):
    """The lead-image box's autocomplete answered 403 to writers."""
    make_image(title="Rouge on the rooftop")
    response = role_client(WRITERS).get(
        reverse("admin:autocomplete"),
        {
            "app_label": "newsroom",
            "model_name": "article",
            "field_name": "lead_image",
            "term": "rooftop",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Rouge on the rooftop"]


def test_setup_roles_makes_the_groups_and_can_run_again(db, capsys):
    call_command("setup_roles")
    call_command("setup_roles")
    out = capsys.readouterr().out
    for role in (WRITERS, EDITORS, ADMINS):
        assert f"{role}: " in out
