from django_filters.views import FilterView

from newsroom.articles.filters import ArticleSearchFilter
from newsroom.articles.models import Article
from newsroom.articles.search import Search
from newsroom.kernel.pages import PublicCacheMixin, SafePaginationMixin, trail_meta


class SearchView(PublicCacheMixin, SafePaginationMixin, FilterView):
    """Search: matching series and people first, then live articles by rank."""

    filterset_class = ArticleSearchFilter
    template_name = "newsroom/search.html"
    context_object_name = "articles"
    paginate_by = 12
    # A filter value that cannot be read is shown as an error and left out,
    # rather than emptying the results.
    strict = False

    def get_queryset(self):
        self.search = Search(self.request.GET.get("q"))
        if self.search.query:
            articles = self.search.articles()
        elif self.browsing():
            # No words but a filter: browse, newest first (e.g. all interviews).
            articles = Article.objects.live().newest_first()
        else:
            articles = Article.objects.none()
        return articles.for_listing().defer(
            "body", "body_html", "search_text", "search_vector"
        )

    def browsing(self) -> bool:
        names = ArticleSearchFilter.get_filters()
        return any(self.request.GET.get(name, "").strip() for name in names)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(context["articles"])
        self.search.add_snippets(articles)
        query = self.request.GET.copy()
        query.pop("page", None)
        query["q"] = self.search.query
        form = self.filterset.form
        return {
            **context,
            "articles": articles,
            "query": self.search.query,
            "browsing": not self.search.query and self.browsing(),
            "filtered": form.is_bound and any(form.cleaned_data.values()),
            "series_results": self.search.series(),
            "people_results": self.search.people(),
            "filter_query": query.urlencode(),
            **trail_meta(self.request, ("Search", self.request.path)),
        }
