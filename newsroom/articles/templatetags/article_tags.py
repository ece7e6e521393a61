"""Template tags of the articles app: the editor's inbox on the admin index."""

from django import template
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.articles.services import is_editor

register = template.Library()

DASHBOARD_ROWS = 8


@register.inclusion_tag("admin/newsroom/dashboard.html", takes_context=True)
def newsroom_dashboard(context):
    """The editor's inbox on the admin index: what needs this user's attention."""
    user = context["request"].user
    if not user.has_perm("newsroom.view_article"):
        return {"show": False}
    now = timezone.now()
    articles = Article.objects.select_related("section").only(
        "title", "status", "publish_at", "updated_at", "section__name"
    )
    mine = articles.filter(created_by=user) | articles.filter(authors__user=user)
    review = articles.filter(status=Article.Status.IN_REVIEW)
    if not is_editor(user):
        review = review & mine
    return {
        "show": True,
        "is_editor": is_editor(user),
        "drafts": mine.filter(status=Article.Status.DRAFT)
        .distinct()
        .order_by("-updated_at")[:DASHBOARD_ROWS],
        "review": review.distinct().order_by("updated_at")[:DASHBOARD_ROWS],
        "scheduled": articles.filter(
            status=Article.Status.PUBLISHED, publish_at__gt=now
        ).order_by("publish_at")[:DASHBOARD_ROWS],
        "published": articles.live(now=now).order_by("-publish_at")[:DASHBOARD_ROWS],
    }
