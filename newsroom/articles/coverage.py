"""The outlet's coverage on encyclopedia pages: the articles about a series,
a person or a studio, as panels (registered in ``series.extensions``) and as
a series' full coverage list."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from newsroom.kernel.pages import trail_meta
from newsroom.kernel.slugs.views import OldSlugRedirectMixin
from series.models import Series

from .models import Article
from .views import ArticleListView

COVERAGE_ON_PAGE = 12


def coverage(**filters):
    """Live articles for an encyclopedia page, newest first."""
    return (
        Article.objects.live().filter(**filters).distinct().for_listing().newest_first()
    )


def series_panel(series) -> dict:
    """A series page's newest coverage, and whether there is more."""
    articles = list(coverage(series=series)[: COVERAGE_ON_PAGE + 1])
    return {
        "coverage": articles[:COVERAGE_ON_PAGE],
        "more_coverage": len(articles) > COVERAGE_ON_PAGE,
    }


def person_panel(person) -> dict:
    return {"coverage": coverage(people=person)[:COVERAGE_ON_PAGE]}


def studio_panel(studio) -> dict:
    return {"coverage": coverage(series__studios=studio)[:COVERAGE_ON_PAGE]}


class SeriesCoverageView(OldSlugRedirectMixin, ArticleListView):
    """All the outlet's live articles about one series."""

    template_name = "series/series_coverage.html"
    slug_model = Series

    def moved_url(self, obj):
        return reverse("series:series-coverage", kwargs={"slug": obj.slug})

    def get_queryset(self):
        self.series = get_object_or_404(Series, slug=self.kwargs["slug"])
        return super().get_queryset().filter(series=self.series)

    def get_context_data(self, **kwargs):
        series = self.series
        meta = trail_meta(
            self.request,
            ("Series", reverse("series:series-list")),
            (series.title, series.get_absolute_url()),
            ("Coverage", self.request.path),
        )
        return super().get_context_data(series=series, **meta, **kwargs)
