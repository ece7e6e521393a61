from datetime import date

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from newsroom.kernel.media.pictures import picture_for, social_image_url
from newsroom.kernel.pages import (
    PublicCacheMixin,
    SafePaginationMixin,
    portrait_meta,
    trail_meta,
)
from newsroom.kernel.sitewide.selectors import absolute_url
from newsroom.kernel.slugs.views import OldSlugRedirectMixin

from . import selectors, structured
from .extensions import PERSON_PAGE_PANELS, SERIES_PAGE_PANELS, STUDIO_PAGE_PANELS
from .filters import SeriesFilter
from .models import Credit, Person, Season, Series, Studio


class SeriesIndexView(PublicCacheMixin, SafePaginationMixin, FilterView):
    """Every series, filtered by season, year, format, source, studio, status, tag."""

    filterset_class = SeriesFilter
    template_name = "series/series_list.html"
    context_object_name = "series_list"
    paginate_by = 24

    def get_queryset(self):
        return Series.objects.for_cards().order_by("title")

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_query=query.urlencode(),
            **trail_meta(self.request, ("Series", self.request.path)),
            **kwargs,
        )


class SeriesDetailView(PublicCacheMixin, OldSlugRedirectMixin, DetailView):
    template_name = "series/series_detail.html"
    context_object_name = "series"

    def get_queryset(self):
        return selectors.series_page_queryset()

    def get_context_data(self, **kwargs):
        series = self.object
        characters, cast_languages = selectors.cast_by_character(series.cast.all())
        key_art = picture_for(
            series.key_art,
            alt=series.key_art_alt,
            sizes="(min-width: 60rem) 44rem, 100vw",
            loading="eager",
        )
        departments = selectors.staff_by_department(series.credits.all())
        return super().get_context_data(
            **SERIES_PAGE_PANELS.merged(series),
            **series_meta(self.request, series, key_art),
            key_art=key_art,
            departments=departments,
            characters=characters,
            cast_languages=cast_languages,
            related=selectors.related_series(series),
            **kwargs,
        )


def series_meta(request, series, key_art) -> dict:
    """TVSeries (or Movie) markup with studios and directors, and a breadcrumb."""
    directors = [
        credit.person
        for credit in series.credits.all()
        if credit.role.slug in DIRECTOR_ROLES
    ]
    studios = [role.studio for role in series.studio_roles.all()]
    data = structured.tv_series(
        series,
        absolute_url,
        image=social_image_url(series.key_art) or (key_art.src if key_art else ""),
        studios=list(dict.fromkeys(studios)),
        directors=list(dict.fromkeys(directors)),
    )
    return trail_meta(
        request,
        ("Series", reverse("series:series-list")),
        (series.title, series.get_absolute_url()),
        data=[data],
        image=series.key_art,
        alt=series.key_art_alt,
    )


DIRECTOR_ROLES = {"director", "chief-director", "series-director"}


class PersonDetailView(PublicCacheMixin, OldSlugRedirectMixin, DetailView):
    template_name = "series/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.select_related("photo").prefetch_related(
            "photo__renditions"
        )

    def get_context_data(self, **kwargs):
        person = self.object
        credits = (
            Credit.objects.filter(person=person)
            .select_related("series", "role")
            .order_by("role__position", "role__name", "-series__premiere_date")
        )
        by_role = {}
        for credit in credits:
            by_role.setdefault(credit.role, []).append(credit)
        cast = person.cast.select_related("series").order_by("-series__premiere_date")
        meta = portrait_meta(self.request, person, person.name, structured.person)
        return super().get_context_data(
            **meta,
            credits_by_role=list(by_role.items()),
            performances=list(cast),
            **PERSON_PAGE_PANELS.merged(person),
            **kwargs,
        )


class StudioDetailView(PublicCacheMixin, DetailView):
    template_name = "series/studio_detail.html"
    context_object_name = "studio"
    model = Studio

    def get_context_data(self, **kwargs):
        studio = self.object
        works = studio.series_roles.select_related("series").order_by(
            "-series__premiere_date", "series__title"
        )
        meta = trail_meta(self.request, (studio.name, studio.get_absolute_url()))
        return super().get_context_data(
            **meta,
            works=list(works),
            **STUDIO_PAGE_PANELS.merged(studio),
            **kwargs,
        )


def current_season(request):
    """Send readers to this season's chart."""
    today = timezone.localdate()
    return redirect(
        "series:season-chart", season=Season.of(today).value, year=today.year
    )


class SeasonChartView(PublicCacheMixin, TemplateView):
    """Every series premiering in one season, with studio, format and where to watch."""

    template_name = "series/season_chart.html"

    def get_context_data(self, **kwargs):
        season, year = self.kwargs["season"], self.kwargs["year"]
        if season not in Season.values or not 1900 <= year <= 2100:
            raise Http404("No such season.")
        first = date(year, Season.first_month(season), 1)
        previous = (
            date(year - 1, 10, 1)
            if first.month == 1
            else first.replace(month=first.month - 3)
        )
        following = (
            date(year + 1, 1, 1)
            if first.month == 10
            else first.replace(month=first.month + 3)
        )
        series_list = (
            Series.objects.in_season(season, year)
            .for_cards()
            .order_by("format", "premiere_date", "title")
        )
        groups = {}
        for series in series_list:
            groups.setdefault(series.get_format_display(), []).append(series)
        label = f"{Season(season).label} {year}"
        return super().get_context_data(
            **trail_meta(self.request, (label, self.request.path)),
            season_label=label,
            groups=list(groups.items()),
            previous=(Season.of(previous), previous.year),
            following=(Season.of(following), following.year),
            **kwargs,
        )
