from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("two-factor/", views.two_factor_enrol, name="two-factor-enrol"),
    path("two-factor/verify/", views.two_factor_verify, name="two-factor-verify"),
]
