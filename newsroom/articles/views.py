"""Reader pages of the articles app: home, sections, tags, authors, the
article page and its previews, and the feed index."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from newsroom.kernel import structured as site_structured
from newsroom.kernel.media.pictures import picture_for, structured_images
from newsroom.kernel.pages import (
    PublicCacheMixin,
    SafePaginationMixin,
    portrait_meta,
    trail_meta,
)
from newsroom.kernel.sitewide.selectors import absolute_url
from newsroom.kernel.slugs.views import OldSlugRedirectMixin
from series.models import Series

from . import structured
from .extensions import ARTICLE_PAGE_CONTEXT
from .models import Article, Author, PreviewLink, Section
from .selectors import public_tags


class ArticleListView(PublicCacheMixin, SafePaginationMixin, ListView):
    """A paginated list of live articles; subclasses narrow it down."""

    paginate_by = 12
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.live().for_listing().newest_first()


class HomeView(ArticleListView):
    template_name = "newsroom/home.html"

    def get_context_data(self, **kwargs):
        meta = site_structured.page_meta(
            self.request, data=[site_structured.website(absolute_url)]
        )
        return super().get_context_data(**meta, **kwargs)


class SectionDetailView(ArticleListView):
    template_name = "newsroom/section_detail.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        section = self.section
        meta = trail_meta(self.request, (section.name, section.get_absolute_url()))
        return super().get_context_data(section=section, **meta, **kwargs)


class TagDetailView(ArticleListView):
    template_name = "newsroom/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(public_tags(), slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        meta = trail_meta(self.request, (self.tag.name, self.request.path))
        return super().get_context_data(tag=self.tag, **meta, **kwargs)


class AuthorDetailView(ArticleListView):
    template_name = "newsroom/author_detail.html"

    def get_queryset(self):
        authors = Author.objects.select_related("photo").prefetch_related(
            "photo__renditions"
        )
        self.author = get_object_or_404(authors, slug=self.kwargs["slug"])
        return super().get_queryset().filter(authors=self.author)

    def get_context_data(self, **kwargs):
        author = self.author
        meta = portrait_meta(
            self.request, author, author.name, structured.author_profile
        )
        return super().get_context_data(author=author, **meta, **kwargs)


def article_page_context(article: Article, request, *, preview: str = "") -> dict:
    """Everything the article template shows, for readers and previews alike;
    other apps add theirs through ``ARTICLE_PAGE_CONTEXT``."""
    extra = ARTICLE_PAGE_CONTEXT.merged(article, request)
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
        "more_articles": more,
        "corrections": list(article.corrections.all()),
        "preview": preview,
        **extra,
        **article_meta(article, request, context=extra),
    }


def article_meta(article, request, *, context=None) -> dict:
    absolute = absolute_url
    return site_structured.page_meta(
        request,
        image=article.lead_image,
        alt=article.lead_image_alt,
        data=[
            structured.article(
                article,
                absolute,
                images=structured_images(article.lead_image),
                context=context,
            ),
            site_structured.breadcrumbs(
                absolute,
                site_structured.home_trail(
                    (article.section.name, article.section.get_absolute_url()),
                    (article.title, article.get_absolute_url()),
                ),
            ),
        ],
    )


def article_page_queryset():
    return Article.objects.for_listing().prefetch_related("series", "people")


class ArticleDetailView(PublicCacheMixin, OldSlugRedirectMixin, DetailView):
    template_name = "newsroom/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return article_page_queryset().live()

    def slug_queryset(self):
        return Article.objects.live()

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


class FeedIndexView(PublicCacheMixin, TemplateView):
    """Every feed the outlet publishes, for readers setting up their apps."""

    template_name = "newsroom/feed_index.html"

    def get_context_data(self, **kwargs):
        live = Article.objects.live()
        return super().get_context_data(
            sections=Section.objects.filter(articles__in=live).distinct(),
            kinds=[
                (value, label)
                for value, label in Article.Kind.choices
                if live.filter(kind=value).exists()
            ],
            series_list=Series.objects.filter(articles__in=live)
            .annotate(n=Count("articles", distinct=True))
            .order_by("-n", "title")[:50],
            tags=Tag.objects.filter(article__in=live)
            .annotate(n=Count("article", distinct=True))
            .order_by("-n", "name")[:50],
            authors=Author.objects.filter(articles__in=live).distinct(),
            **trail_meta(self.request, ("Feeds", self.request.path)),
            **kwargs,
        )
