"""RSS 2.0 and Atom feeds of live articles, with full content."""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .models import Article

FEED_LENGTH = 30
_LOCAL_URL = re.compile(r'(href|src)="/(?!/)')
_SRCSET = re.compile(r'srcset="([^"]*)"')


def absolute_html(html: str, base: str) -> str:
    """Feed readers are elsewhere: make the site's own links and images absolute."""
    html = _LOCAL_URL.sub(lambda m: f'{m[1]}="{base}/', html)
    return _SRCSET.sub(
        lambda m: (
            'srcset="'
            + ", ".join(
                f"{base}{part.strip()}"
                if part.strip().startswith("/")
                else part.strip()
                for part in m[1].split(",")
            )
            + '"'
        ),
        html,
    )


class FullContentRss(Rss201rev2Feed):
    """RSS 2.0 with the whole article in content:encoded."""

    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class FullContentAtom(Atom1Feed):
    """Atom with the whole article in an HTML content element."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class LatestArticlesFeed(Feed):
    """The newest live articles, site-wide."""

    feed_type = FullContentRss

    def title(self):
        return f"{settings.SITE_NAME}: latest"

    def description(self):
        return settings.SITE_TAGLINE

    subtitle = description

    def link(self):
        return "/"

    def items(self):
        return (
            Article.objects.live()
            .for_listing()
            .select_related("review")
            .newest_first()[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        summary = item.dek or item.title
        review = getattr(item, "review", None) if item.kind == "review" else None
        if review is not None and review.score is not None:
            return f"Score: {review.score_label}. {summary}"
        return summary

    def item_extra_kwargs(self, item):
        html = item.current_body_html()
        if 'class="merch-block"' in html:
            html = render_to_string("newsroom/merch/_disclosure.html") + html
        return {"content": absolute_html(html, settings.SITE_URL)}

    def item_guid(self, item):
        # Tied to the primary key, so it survives title and slug changes; the
        # address redirects to wherever the article lives now.
        # SITE_URL, not the request's Host header, keeps it the same everywhere.
        path = reverse("newsroom:article-by-id", kwargs={"pk": item.pk})
        return f"{settings.SITE_URL}{path}"

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.modified_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = FullContentAtom
