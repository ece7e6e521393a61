from django_filters.views import FilterView

from newsroom.kernel.pages import PublicCacheMixin, SafePaginationMixin, trail_meta

from .filters import ReviewFilter
from .models import Review


class ReviewIndexView(PublicCacheMixin, SafePaginationMixin, FilterView):
    """Every live review with its score, filtered and sorted."""

    filterset_class = ReviewFilter
    template_name = "reviews/review_list.html"
    context_object_name = "reviews"
    paginate_by = 20

    def get_queryset(self):
        return (
            Review.objects.live()
            .select_related("article__section", "article__lead_image", "series")
            .prefetch_related("article__authors", "article__lead_image__renditions")
            .order_by("-article__publish_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_query=query.urlencode(),
            **trail_meta(self.request, ("Reviews", self.request.path)),
            **kwargs,
        )
