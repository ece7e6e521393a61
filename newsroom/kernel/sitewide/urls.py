"""Standing pages and the banner's close button (in the site's "newsroom"
URL namespace, which the site composes)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "banner/<int:banner_id>/dismiss/", views.banner_dismiss, name="banner-dismiss"
    ),
    path("about/<slug:slug>/", views.PageDetailView.as_view(), name="page-detail"),
]
