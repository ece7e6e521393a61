from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from . import services
from .models import Article, Author, PreviewLink, Section
from .pictures import picture_for, social_image_url


class PublicCacheMixin:
    """Let browsers and a CDN keep reader pages briefly, but never past the
    moment a scheduled article is due to appear."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(
                response, public=True, max_age=services.public_max_age()
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


def article_page_context(article: Article, request, *, preview: str = "") -> dict:
    """Everything the article template shows, for readers and previews alike."""
    from reviews.selectors import review_context

    extra = review_context(article, request.build_absolute_uri)
    more = (
        Article.objects.live()
        .filter(section_id=article.section_id)
        .exclude(pk=article.pk)
        .select_related("section")
        .newest_first()[:4]
    )
    return {
        "article": article,
        "body_html": article.current_body_html(),
        "lead_picture": picture_for(
            article.lead_image,
            alt=article.lead_image_alt,
            sizes="(min-width: 48rem) 42rem, 100vw",
            loading="eager",
        ),
        "social_image": social_image_url(article.lead_image),
        "more_articles": more,
        "corrections": list(article.corrections.all()),
        "preview": preview,
        **extra,
    }


def article_page_queryset():
    return Article.objects.for_listing().prefetch_related("series", "people")


class ArticleDetailView(PublicCacheMixin, DetailView):
    template_name = "newsroom/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return article_page_queryset().live()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **article_page_context(self.object, self.request), **kwargs
        )


def preview(request, token):
    """An unpublished article, for whoever holds a live preview link."""
    link = get_object_or_404(PreviewLink.objects.usable(), token=token)
    article = get_object_or_404(article_page_queryset(), pk=link.article_id)
    context = article_page_context(article, request, preview="link")
    context["preview_link"] = link
    response = render(request, "newsroom/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def article_by_id(request, pk):
    """A permanent address for an article that survives slug changes (feed GUIDs)."""
    article = get_object_or_404(Article.objects.live().only("slug"), pk=pk)
    return redirect(article, permanent=True)
