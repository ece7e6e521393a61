from django.urls import path

from newsroom.articles import feeds, search_views, views

app_name = "newsroom"


def feed_pair(prefix, feed_class, name):
    """RSS at <prefix>rss/ and Atom at <prefix>atom/."""
    return [
        path(f"{prefix}rss/", feed_class(), name=f"{name}-rss"),
        path(f"{prefix}atom/", feeds.atom(feed_class)(), name=f"{name}-atom"),
    ]


urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/id/<int:pk>/", views.article_by_id, name="article-by-id"),
    path("preview/<str:token>/", views.preview, name="preview"),
    path(
        "articles/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article-detail",
    ),
    path(
        "section/<slug:slug>/", views.SectionDetailView.as_view(), name="section-detail"
    ),
    path("tag/<slug:slug>/", views.TagDetailView.as_view(), name="tag-detail"),
    path("author/<slug:slug>/", views.AuthorDetailView.as_view(), name="author-detail"),
    path("feeds/", views.FeedIndexView.as_view(), name="feed-index"),
    path("search/", search_views.SearchView.as_view(), name="search"),
    *feed_pair("feeds/", feeds.LatestArticlesFeed, "feed"),
    *feed_pair("feeds/section/<slug:slug>/", feeds.SectionFeed, "section-feed"),
    *feed_pair("feeds/kind/<str:kind>/", feeds.KindFeed, "kind-feed"),
    *feed_pair("feeds/series/<slug:slug>/", feeds.SeriesFeed, "series-feed"),
    *feed_pair("feeds/tag/<slug:slug>/", feeds.TagFeed, "tag-feed"),
    *feed_pair("feeds/author/<slug:slug>/", feeds.AuthorFeed, "author-feed"),
]
