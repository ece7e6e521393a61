import django_filters
from django import forms
from django.db.models import Exists, OuterRef

from newsroom.articles.models import Article, Section
from series.models import Series


def covered_series(request):
    """Series with live coverage, for the series filter of search."""
    coverage = Article.objects.live().filter(series=OuterRef("pk"))
    return Series.objects.filter(Exists(coverage)).only("slug", "title")


class ArticleSearchFilter(django_filters.FilterSet):
    """Reader-facing filters of search results; they combine freely."""

    kind = django_filters.ChoiceFilter(choices=Article.Kind.choices, empty_label="Any")
    section = django_filters.ModelChoiceFilter(
        queryset=Section.objects.all(),
        to_field_name="slug",
        empty_label="Any",
        label="Section",
    )
    series = django_filters.ModelChoiceFilter(
        queryset=covered_series,
        to_field_name="slug",
        empty_label="Any",
        label="Series",
    )
    date_after = django_filters.DateFilter(
        field_name="publish_at",
        lookup_expr="date__gte",
        label="Published from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_before = django_filters.DateFilter(
        field_name="publish_at",
        lookup_expr="date__lte",
        label="Published until",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Article
        fields = ["kind", "section", "series", "date_after", "date_before"]
