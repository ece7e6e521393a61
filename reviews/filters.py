import django_filters
from django import forms

from series.filters import series_tags
from series.models import Season, Studio

from .models import Review


class ReviewFilter(django_filters.FilterSet):
    """Reader-facing filters of the reviews index; they combine freely."""

    score_min = django_filters.NumberFilter(
        field_name="score",
        lookup_expr="gte",
        label="Lowest score",
        min_value=0,
        max_value=10,
        widget=forms.NumberInput(attrs={"step": "0.5", "min": 0, "max": 10}),
    )
    score_max = django_filters.NumberFilter(
        field_name="score",
        lookup_expr="lte",
        label="Highest score",
        min_value=0,
        max_value=10,
        widget=forms.NumberInput(attrs={"step": "0.5", "min": 0, "max": 10}),
    )
    review_type = django_filters.ChoiceFilter(
        choices=Review.Type.choices, label="Type", empty_label="Any"
    )
    season = django_filters.ChoiceFilter(
        field_name="series__season",
        choices=Season.choices,
        label="Season",
        empty_label="Any",
    )
    year = django_filters.NumberFilter(
        field_name="series__season_year", label="Year", min_value=1900, max_value=2100
    )
    studio = django_filters.ModelChoiceFilter(
        queryset=Studio.objects.order_by("name"),
        field_name="series__studios",
        to_field_name="slug",
        label="Studio",
        empty_label="Any",
    )
    tag = django_filters.ModelChoiceFilter(
        queryset=series_tags,
        field_name="series__tags",
        to_field_name="slug",
        label="Genre",
        empty_label="Any",
    )
    order = django_filters.ChoiceFilter(
        choices=[("newest", "Newest"), ("score", "Highest score")],
        label="Sort by",
        empty_label="Newest",
        method="sort",
    )

    class Meta:
        model = Review
        fields = ["score_min", "score_max", "review_type", "season", "year"]

    def sort(self, queryset, name, value):
        if value == "score":
            return queryset.order_by("-score", "-article__publish_at", "-pk")
        return queryset.order_by("-article__publish_at", "-pk")
