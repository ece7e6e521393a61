"""RSS 2.0 and Atom feeds of live articles, with full content.

One feed class serves every scope (the site, a section, a kind, a series, a
tag, an author); each scope comes as RSS and as Atom. GUIDs are tied to the
article's primary key, so they never change with a title or slug.
"""

import html
from urllib.parse import urljoin

import nh3
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Max
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from taggit.models import Tag

from newsroom.articles.extensions import (
    FEED_CONTENT_PREFIX,
    FEED_QUERYSET,
    FEED_SUMMARY_PREFIX,
)
from newsroom.articles.models import Article, Author, Section
from newsroom.articles.selectors import public_tags
from newsroom.kernel.freshness import public_max_age
from newsroom.kernel.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
)
from newsroom.kernel.media.pictures import largest_fallback
from newsroom.kernel.sitewide import selectors as sitewide
from newsroom.kernel.slugs.models import OldSlug, RemembersOldSlugs
from newsroom.kernel.text import without_control_characters
from series.models import Series

FEED_LENGTH = 50
#: What a feed item may hold: the Markdown allow-list plus the markup of the
#: embeds. Page-only parts go: ARIA roles and states (feed readers render
#: no widgets, and validators flag them), ids that could clash with the
#: reader's own page, and the carousel's buttons, which need the site's script.
FEED_TAGS = ALLOWED_TAGS | {
    "aside", "details", "div", "picture", "section", "source", "span", "summary",
}  # fmt: skip
FEED_ATTRIBUTES = {
    **ALLOWED_ATTRIBUTES,
    "*": {"class", "lang"},
    "a": {"href", "rel", "title"},
    "blockquote": {"cite"},
    "img": {"src", "srcset", "sizes", "alt", "title", "width", "height", "loading"},
    "source": {"srcset", "sizes", "type"},
}
_URL_ATTRIBUTES = {"href", "src", "cite"}


def feed_html(html: str, page_url: str) -> str:
    """An article body fit for a feed reader elsewhere: every address absolute
    (resolved against the article's own URL), page-only markup removed."""

    def absolute(tag, attribute, value):
        if attribute in _URL_ATTRIBUTES:
            return urljoin(page_url, value)
        if attribute == "srcset":
            candidates = (part.split(maxsplit=1) for part in value.split(","))
            return ", ".join(
                " ".join([urljoin(page_url, url), *descriptor])
                for url, *descriptor in filter(None, candidates)
            )
        return value

    return nh3.clean(
        html,
        tags=FEED_TAGS,
        clean_content_tags={"button", "script", "style"},
        attributes=FEED_ATTRIBUTES,
        attribute_filter=absolute,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def html_text(text: str) -> str:
    """Plain text made ready for a feed field that readers take as HTML (RSS
    ``description`` and ``title``, Atom ``summary type="html"``): ``&``, ``<``
    and ``>`` become entities, so the text shows as written. The XML writer
    escapes the result once more, as it does any value."""
    return html.escape(text, quote=False)


def unique_names(names: list[str]) -> list[str]:
    """Each category once, whatever its case (a tag may be named like a series)."""
    unique = {}
    for name in names:
        unique.setdefault(name.casefold(), name)
    return list(unique.values())


def _xml_safe(fields: dict) -> dict:
    """A feed's or item's fields without characters XML 1.0 cannot carry."""

    def clean(value):
        if isinstance(value, str):
            return without_control_characters(value)
        if isinstance(value, list | tuple):
            return type(value)(clean(part) for part in value)
        return value

    return {name: clean(value) for name, value in fields.items()}


class XmlSafeFeed:
    """Mixed into the feed generators: one stray control character in a
    title, tag or byline must not turn a feed into a 500 or invalid XML."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed = _xml_safe(self.feed)

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = _xml_safe(self.items[-1])


class ChangeAwareFeed:
    """Mixed into the feed generators: the feed's own date follows changes
    that no item date shows, such as an article leaving the feed."""

    #: Set by the feed view: when anything the feed shows, or showed, changed.
    changed_at = None

    def latest_post_date(self):
        """The feed's own updated time and its Last-Modified header: the newest
        item date, or a later change such as an unpublished article."""
        latest = super().latest_post_date()
        return max(latest, self.changed_at) if self.changed_at else latest


class HtmlTitlesRss:
    """Mixed into the RSS generator: RSS gives a title no type, and readers
    render one that looks like HTML as HTML (feedparser, for one, does), so
    the feed's and each item's title go out escaped, as the item's
    description does. Atom titles are typed text and stay as they are."""

    def __init__(self, title, *args, **kwargs):
        super().__init__(html_text(title), *args, **kwargs)

    def add_item(self, title, *args, **kwargs):
        super().add_item(html_text(title), *args, **kwargs)


class FullContentRss(XmlSafeFeed, ChangeAwareFeed, HtmlTitlesRss, Rss201rev2Feed):
    """RSS 2.0 with the whole article in content:encoded."""

    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class FullContentAtom(XmlSafeFeed, ChangeAwareFeed, Atom1Feed):
    """Atom with the whole article in an HTML content element."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class LatestArticlesFeed(Feed):
    """The newest live articles of a scope (the whole site here)."""

    feed_type = FullContentRss
    scope_label = "latest"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        seconds = min(
            settings.FEED_CACHE_SECONDS,
            public_max_age(default=settings.FEED_CACHE_SECONDS),
        )
        patch_cache_control(response, public=True, max_age=seconds)
        return response

    def get_feed(self, obj, request):
        feedgen = super().get_feed(obj, request)
        # Every address in the feed names the public site (SITE_URL), as its
        # GUIDs do, whatever Host the request came in on.
        feedgen.feed["feed_url"] = sitewide.absolute_url(request.path)
        feedgen.changed_at = self.changed_at(obj)
        return feedgen

    def changed_at(self, obj):
        """The last change to any article of this scope that is or was live:
        an edit, a correction, an unpublish. Item dates alone would miss an
        article leaving the feed, and readers would get a stale 304."""
        ever_live = Article.objects.filter(
            status__in=[Article.Status.PUBLISHED, Article.Status.UNPUBLISHED]
        )
        return self.scoped(ever_live, obj).aggregate(at=Max("updated_at"))["at"]

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: {self.scope_title(obj)}"

    def scope_title(self, obj):
        return "latest"

    def description(self, obj=None):
        return settings.SITE_TAGLINE

    subtitle = description

    def author_name(self, obj=None):
        # Atom wants an author for every entry; the outlet stands in for an
        # article that has no byline.
        return settings.SITE_NAME

    def link(self, obj=None):
        return sitewide.absolute_url(self.link_path(obj))

    def link_path(self, obj):
        """The page this feed follows."""
        return obj.get_absolute_url() if obj is not None else "/"

    def item_link(self, item):
        return sitewide.absolute_url(item.get_absolute_url())

    def scoped(self, queryset, obj):
        return queryset

    def items(self, obj=None):
        articles = Article.objects.live().for_listing().prefetch_related("series")
        for narrow in FEED_QUERYSET:
            articles = narrow(articles)
        return self.scoped(articles, obj).newest_first()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """The dek (the title when there is none), after what other apps put
        first (a review's score, through ``FEED_SUMMARY_PREFIX``).

        RSS ``description`` and Atom ``summary type="html"`` are HTML to a
        feed reader, while a dek is plain text: it is escaped here, so a writer's
        ``<button>`` shows as written instead of becoming an element.
        """
        summary = item.dek or item.title
        prefix = next(filter(None, FEED_SUMMARY_PREFIX.call_each(item)), "")
        return html_text(f"{prefix} {summary}" if prefix else summary)

    def item_extra_kwargs(self, item):
        html = "".join(FEED_CONTENT_PREFIX.call_each(item)) + item.current_body_html()
        page_url = sitewide.absolute_url(item.get_absolute_url())
        return {"content": feed_html(html, page_url)}

    def item_guid(self, item):
        # Tied to the primary key, so it survives title and slug changes; the
        # address redirects to wherever the article lives now.
        # SITE_URL, not the request's Host header, keeps it the same everywhere.
        path = reverse("newsroom:article-by-id", kwargs={"pk": item.pk})
        return sitewide.absolute_url(path)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.modified_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        """Tags, then series."""
        return unique_names(
            [tag.name for tag in item.tags.all()]
            + [series.title for series in item.series.all()]
        )

    def item_enclosures(self, item):
        """The lead image: its largest JPEG/PNG rendition, with type and length."""
        best = largest_fallback(item.lead_image)
        if best is None:
            return []
        url = sitewide.absolute_url(best.file.url)
        return [Enclosure(url, str(best.size), f"image/{best.format}")]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = FullContentAtom


class ScopedFeed(LatestArticlesFeed):
    """The newest live articles of one section, tag, author or series."""

    model = None
    filter_field = ""
    title_format = "{}"

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:
            # A renamed series keeps its subscribers: the old feed address
            # redirects like the old page address does.
            moved = self.moved_object(kwargs["slug"])
            if moved is None:
                raise
            match = request.resolver_match
            return HttpResponsePermanentRedirect(
                reverse(match.view_name, kwargs={**match.kwargs, "slug": moved.slug})
            )  # feeds take no query string

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def moved_object(self, slug):
        if not issubclass(self.model, RemembersOldSlugs):
            return None
        return OldSlug.renamed(self.model._default_manager.all(), slug)

    def scope_title(self, obj):
        return self.title_format.format(obj)

    def scoped(self, queryset, obj):
        return queryset.filter(**{self.filter_field: obj})


class SectionFeed(ScopedFeed):
    model = Section
    filter_field = "section"


class TagFeed(ScopedFeed):
    model = Tag
    filter_field = "tags"
    title_format = "tagged {}"

    def get_object(self, request, slug):
        return get_object_or_404(public_tags(), slug=slug)

    def link_path(self, obj):
        return reverse("newsroom:tag-detail", kwargs={"slug": obj.slug})


class AuthorFeed(ScopedFeed):
    model = Author
    filter_field = "authors"
    title_format = "by {}"


class SeriesFeed(ScopedFeed):
    model = Series
    filter_field = "series"


class KindFeed(LatestArticlesFeed):
    """News, reviews, features or interviews alone."""

    def get_object(self, request, kind):
        if kind not in Article.Kind.values:
            raise Http404("No such kind of article.")
        return kind

    def scope_title(self, obj):
        return "News" if obj == "news" else Article.Kind(obj).label + "s"

    def link_path(self, obj):
        return f"{reverse('newsroom:search')}?kind={obj}"

    def scoped(self, queryset, obj):
        return queryset.filter(kind=obj)


def atom(feed_class):
    """The Atom twin of an RSS feed class."""
    return type(
        f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": FullContentAtom}
    )
