from django.urls import path

from . import feeds, views

app_name = "newsroom"

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
    path("go/<int:item_id>/", views.merch_redirect, name="merch-go"),
    path(
        "banner/<int:banner_id>/dismiss/", views.banner_dismiss, name="banner-dismiss"
    ),
    path("about/<slug:slug>/", views.PageDetailView.as_view(), name="page-detail"),
    path("feeds/rss/", feeds.LatestArticlesFeed(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
]
