from django.urls import path, register_converter

from . import views


class SeasonConverter:
    regex = "winter|spring|summer|fall"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(SeasonConverter, "season")

app_name = "series"

urlpatterns = [
    path("series/", views.SeriesIndexView.as_view(), name="series-list"),
    path("series/<slug:slug>/", views.SeriesDetailView.as_view(), name="series-detail"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path(
        "studios/<slug:slug>/", views.StudioDetailView.as_view(), name="studio-detail"
    ),
    path("season/", views.current_season, name="season-current"),
    path(
        "season/<season:season>-<int:year>/",
        views.SeasonChartView.as_view(),
        name="season-chart",
    ),
]
