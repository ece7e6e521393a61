"""The affiliate redirect (in the site's "newsroom" URL namespace, which the
site composes)."""

from django.urls import path

from . import views

urlpatterns = [
    path("go/<int:item_id>/", views.merch_redirect, name="merch-go"),
]
