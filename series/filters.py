import django_filters
from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag

from .models import Season, Series, Studio


def series_tags(request):
    series_type = ContentType.objects.get_for_model(Series)
    return (
        Tag.objects.filter(taggit_taggeditem_items__content_type=series_type)
        .distinct()
        .order_by("name")
    )


class SeriesFilter(django_filters.FilterSet):
    """Reader-facing filters of the series index; they combine freely."""

    season = django_filters.ChoiceFilter(choices=Season.choices, empty_label="Any")
    year = django_filters.NumberFilter(
        field_name="season_year", label="Year", min_value=1900, max_value=2100
    )
    format = django_filters.ChoiceFilter(
        choices=Series.Format.choices, empty_label="Any"
    )
    source = django_filters.ChoiceFilter(
        choices=Series.Source.choices, empty_label="Any"
    )
    status = django_filters.ChoiceFilter(
        choices=Series.Status.choices, empty_label="Any"
    )
    studio = django_filters.ModelChoiceFilter(
        queryset=Studio.objects.order_by("name"),
        field_name="studios",
        to_field_name="slug",
        empty_label="Any",
        label="Studio",
    )
    tag = django_filters.ModelChoiceFilter(
        queryset=series_tags,
        field_name="tags",
        to_field_name="slug",
        empty_label="Any",
        label="Tag",
    )
    order = django_filters.OrderingFilter(
        fields=[("title", "title"), ("premiere_date", "premiere")],
        field_labels={"title": "Title", "premiere_date": "Premiere"},
        label="Sort by",
        empty_label="Title",
    )

    class Meta:
        model = Series
        fields = ["season", "year", "format", "source", "status", "studio", "tag"]
