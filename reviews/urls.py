from django.urls import path

from . import feeds, views

app_name = "reviews"

urlpatterns = [
    path("reviews/", views.ReviewIndexView.as_view(), name="review-list"),
    path("reviews/feed/rss/", feeds.ReviewsFeed(), name="review-feed"),
    path("reviews/feed/atom/", feeds.ReviewsAtomFeed(), name="review-feed-atom"),
]
