from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from .models import Article, Author, Section


class PublicCacheMixin:
    """Let browsers and a CDN keep reader pages briefly."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(
                response, public=True, max_age=settings.PAGE_CACHE_SECONDS
            )
        return response


class SafePaginationMixin:
    """get_page turns "?page=abc" or "?page=999" into a real page, never an error."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class ArticleListView(PublicCacheMixin, SafePaginationMixin, ListView):
    """A paginated list of live articles; subclasses narrow it down."""

    paginate_by = 12
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.live().for_listing().newest_first()


class HomeView(ArticleListView):
    template_name = "newsroom/home.html"


class SectionDetailView(ArticleListView):
    template_name = "newsroom/section_detail.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class TagDetailView(ArticleListView):
    template_name = "newsroom/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorDetailView(ArticleListView):
    template_name = "newsroom/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return super().get_queryset().filter(authors=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class ArticleDetailView(PublicCacheMixin, DetailView):
    template_name = "newsroom/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.live().for_listing().prefetch_related("series", "people")

    def get_context_data(self, **kwargs):
        article = self.object
        more = (
            Article.objects.live()
            .filter(section_id=article.section_id)
            .exclude(pk=article.pk)
            .select_related("section")
            .newest_first()[:4]
        )
        return super().get_context_data(more_articles=more, **kwargs)


def article_by_id(request, pk):
    """A permanent address for an article that survives slug changes (feed GUIDs)."""
    article = get_object_or_404(Article.objects.live().only("slug"), pk=pk)
    return redirect(article, permanent=True)
