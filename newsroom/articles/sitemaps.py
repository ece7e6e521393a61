"""Sitemaps: every page readers can reach, with when it last really changed.

Only live articles are listed, and sections, tags and authors take their
lastmod from the newest live article in them, so a scheduled piece appears
(and moves those dates) at its time without any job running.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from newsroom.articles.models import Article, Author, Section, live_q
from newsroom.kernel.sitewide.models import Page
from series.models import Person, Series, Studio


def _latest_live(prefix: str) -> dict:
    """Annotations for the newest publication and correction among live articles."""
    live = live_q(f"{prefix}__")
    return {
        "last_published": Max(f"{prefix}__publish_at", filter=live),
        "last_revised": Max(f"{prefix}__revised_at", filter=live),
    }


def _later(*moments):
    moments = [moment for moment in moments if moment is not None]
    return max(moments) if moments else None


class PublicSitemap(Sitemap):
    """Addresses on the public site (SITE_URL), whatever Host asked."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def page_lastmods(self) -> list:
        """The lastmod of each page of this sitemap, for the index."""
        return [self.get_latest_lastmod()] * self.paginator.num_pages


class ArticleSitemap(PublicSitemap):
    changefreq = "weekly"
    limit = 2_000  # files of a few hundred KB; the index lists every page

    def articles(self):
        return Article.objects.live()

    def items(self):
        return (
            self.articles()
            .only("slug", "publish_at", "revised_at", "updated_at")
            .order_by("-publish_at", "-pk")
        )

    def lastmod(self, article):
        return article.modified_at

    def page_lastmods(self) -> list:
        """Each page's own newest date, from one light query: a crawler
        refetches only the page that changed."""
        if self.paginator.num_pages == 1:
            return super().page_lastmods()
        dates = self.items().values_list("publish_at", "revised_at")
        moments = [_later(published, revised) for published, revised in dates]
        return [
            _later(*moments[start : start + self.limit])
            for start in range(0, len(moments), self.limit)
        ]

    def get_latest_lastmod(self):
        # One aggregate, rather than loading every article to compare dates.
        latest = self.articles().aggregate(
            published=Max("publish_at"), revised=Max("revised_at")
        )
        return _later(latest["published"], latest["revised"])


class NewsSitemap(ArticleSitemap):
    """The last two days' articles, with the publication details news
    aggregators ask for (rendered by templates/sitemaps/news.xml)."""

    limit = 1000

    def articles(self):
        since = timezone.now() - timedelta(days=2)
        return Article.objects.live().filter(publish_at__gte=since)

    def items(self):
        return (
            self.articles()
            .only("slug", "title", "publish_at", "revised_at", "updated_at")
            .order_by("-publish_at", "-pk")[: self.limit]
        )


class SectionSitemap(PublicSitemap):
    changefreq = "daily"

    def items(self):
        return Section.objects.annotate(**_latest_live("articles")).order_by(
            "position", "name"
        )

    def lastmod(self, section):
        return _later(section.last_published, section.last_revised)


class TagSitemap(PublicSitemap):
    changefreq = "daily"

    def items(self):
        return (
            Tag.objects.annotate(**_latest_live("article"))
            .filter(last_published__isnull=False)
            .order_by("name")
        )

    def location(self, tag):
        return reverse("newsroom:tag-detail", kwargs={"slug": tag.slug})

    def lastmod(self, tag):
        return _later(tag.last_published, tag.last_revised)


class AuthorSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Author.objects.annotate(**_latest_live("articles"))
            .filter(last_published__isnull=False)
            .order_by("name")
        )

    def lastmod(self, author):
        return _later(author.last_published, author.last_revised)


class EncyclopediaSitemap(PublicSitemap):
    """Series and people pages change when their entry is edited."""

    changefreq = "weekly"
    model = None

    def items(self):
        return self.model.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at

    def get_latest_lastmod(self):
        return self.model.objects.aggregate(last=Max("updated_at"))["last"]


class SeriesSitemap(EncyclopediaSitemap):
    model = Series


class PersonSitemap(EncyclopediaSitemap):
    model = Person


class StudioSitemap(PublicSitemap):
    changefreq = "monthly"

    def items(self):
        return Studio.objects.filter(series__isnull=False).distinct().order_by("name")


class SeasonSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Series.objects.exclude(season="")
            .values("season_year", "season")
            .annotate(last=Max("updated_at"))
            .order_by("-season_year", "season")
        )

    def location(self, season):
        return reverse(
            "series:season-chart",
            kwargs={"year": season["season_year"], "season": season["season"]},
        )

    def lastmod(self, season):
        return season["last"]


class IndexPagesSitemap(PublicSitemap):
    """The home page and the listings that do not belong to one object."""

    changefreq = "hourly"

    def items(self):
        return [
            "newsroom:home",
            "series:series-list",
            "reviews:review-list",
            "newsroom:feed-index",
        ]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if name == "series:series-list":
            return Series.objects.aggregate(last=Max("updated_at"))["last"]
        if name == "reviews:review-list":
            live = Article.objects.live().filter(kind=Article.Kind.REVIEW)
        else:
            live = Article.objects.live()
        return live.aggregate(last=Max("publish_at"))["last"]


class StandingPageSitemap(PublicSitemap):
    """The policy and contact pages editors keep in the admin."""

    changefreq = "monthly"

    def items(self):
        return Page.objects.only("slug", "updated_at").order_by("position", "pk")

    def location(self, page):
        return reverse("newsroom:page-detail", kwargs={"slug": page.slug})

    def lastmod(self, page):
        return page.updated_at

    def get_latest_lastmod(self):
        return Page.objects.aggregate(last=Max("updated_at"))["last"]


SITEMAPS = {
    "pages": IndexPagesSitemap,
    "about": StandingPageSitemap,
    "news": NewsSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "series": SeriesSitemap,
    "people": PersonSitemap,
    "studios": StudioSitemap,
    "seasons": SeasonSitemap,
}
