from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from . import merch, services, sitewide, structured
from .models import (
    Article,
    Author,
    MerchItem,
    OldSlug,
    Page,
    PreviewLink,
    Section,
)
from .pictures import picture_for, social_image_url, structured_images
from .selectors import public_tags
from .text import positive_int, positive_ints


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


class OldSlugRedirectMixin:
    """A page whose object was renamed answers its old address with a
    permanent redirect to the new one (only when readers may see the object)."""

    slug_model = None  # the renamed model, when it is not the page's own

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = self.moved_object(kwargs["slug"])
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(
                with_query(self.moved_url(moved), request)
            )

    def slug_queryset(self):
        model = self.slug_model or self.get_queryset().model
        return model._default_manager.all()

    def moved_object(self, slug):
        return OldSlug.renamed(self.slug_queryset(), slug)

    def moved_url(self, obj):
        return obj.get_absolute_url()


def with_query(url: str, request) -> str:
    """``url`` with the request's query string, so ?page=2 survives a redirect."""
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


class SafePaginationMixin:
    """get_page turns "?page=abc" or "?page=999" into a real page, never an error."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        # The canonical address names the page served, not the one asked for.
        self.request.served_page = page.number
        return paginator, page, page.object_list, page.has_other_pages()


class ArticleListView(PublicCacheMixin, SafePaginationMixin, ListView):
    """A paginated list of live articles; subclasses narrow it down."""

    paginate_by = 12
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.live().for_listing().newest_first()


class HomeView(ArticleListView):
    template_name = "newsroom/home.html"

    def get_context_data(self, **kwargs):
        meta = structured.page_meta(
            self.request, data=[structured.website(sitewide.absolute_url)]
        )
        return super().get_context_data(**meta, **kwargs)


def portrait_meta(request, someone, name, describe) -> dict:
    """Metadata of a page about a person: their photo as the social card, and
    ``describe(someone, absolute, image=…)`` as its structured data."""
    data = describe(
        someone, sitewide.absolute_url, image=social_image_url(someone.photo)
    )
    return trail_meta(
        request,
        (name, someone.get_absolute_url()),
        image=someone.photo,
        alt=name,
        data=[data],
    )


def trail_meta(request, *steps, data=(), image=None, alt="") -> dict:
    """Page metadata with a breadcrumb trail from the home page through steps."""
    crumbs = structured.breadcrumbs(
        sitewide.absolute_url, structured.home_trail(*steps)
    )
    return structured.page_meta(request, image=image, alt=alt, data=[*data, crumbs])


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
    """Everything the article template shows, for readers and previews alike."""
    from reviews.selectors import review_context

    extra = review_context(article)
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
        **shop_context(article),
        **extra,
        **article_meta(article, request, review=extra.get("review")),
    }


def article_meta(article, request, *, review=None) -> dict:
    absolute = sitewide.absolute_url
    return structured.page_meta(
        request,
        image=article.lead_image,
        alt=article.lead_image_alt,
        data=[
            structured.article(
                article,
                absolute,
                images=structured_images(article.lead_image),
                review=review,
            ),
            structured.breadcrumbs(
                absolute,
                structured.home_trail(
                    (article.section.name, article.section.get_absolute_url()),
                    (article.title, article.get_absolute_url()),
                ),
            ),
        ],
    )


def shop_context(article: Article) -> dict:
    """The automatic shop block, and whether the page needs the disclosure."""
    in_body = 'class="merch-block"' in article.body_html
    # An article with its own merch block does not get a second, automatic one.
    items = [] if in_body else merch.shop_items(article)
    shop = (
        merch.render_block(
            items, title="Shop this series", block_id="shop", article=article.pk
        )
        if items
        else ""
    )
    return {"shop_block": shop, "affiliate_links": bool(shop) or in_body}


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


@require_GET
def merch_redirect(request, item_id):
    """Send a reader to an item's shop page and count the click (once a day
    per reader, article and item; bots are not counted, see merch.reader_key).

    Only ever redirects to the item's stored address, and only while it is on
    one of its retailer's allowed domains; the query string chooses nothing
    but which article the click is counted for.
    """
    item = get_object_or_404(
        MerchItem.objects.active().select_related("retailer"), pk=item_id
    )
    if not item.link_is_allowed:
        raise Http404("This link is not allowed.")
    merch.click_record(
        item=item,
        article_id=positive_int(request.GET.get("from")),
        reader=merch.reader_key(request),
    )
    response = HttpResponseRedirect(item.url)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


# No CSRF token: the form sits on every public page, and a token would give
# each page a cookie and a per-reader secret that no shared cache may keep.
# A forged request can do no more than hide a promotion from its victim.
@csrf_exempt
@require_POST
def banner_dismiss(request, banner_id):
    """Remember, in a cookie, that this reader closed the banner."""
    dismissed = dismissed_banners(request)
    dismissed.add(banner_id)
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        BANNER_COOKIE,
        ",".join(str(pk) for pk in sorted(dismissed)[-20:]),
        max_age=60 * 60 * 24 * 60,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


BANNER_COOKIE = "shimbun_dismissed"


def dismissed_banners(request) -> set[int]:
    """The banners this reader closed; a cookie they edited by hand counts for
    what can still be read in it."""
    return set(positive_ints(request.COOKIES.get(BANNER_COOKIE)))


class PageDetailView(PublicCacheMixin, DetailView):
    """A standing page: editorial policy, disclosures, contact."""

    model = Page
    template_name = "newsroom/page_detail.html"
    context_object_name = "page"

    def get_context_data(self, **kwargs):
        page = self.object
        meta = trail_meta(self.request, (page.title, page.get_absolute_url()))
        return super().get_context_data(**meta, **kwargs)


class FeedIndexView(PublicCacheMixin, TemplateView):
    """Every feed the outlet publishes, for readers setting up their apps."""

    template_name = "newsroom/feed_index.html"

    def get_context_data(self, **kwargs):
        from django.db.models import Count

        from series.models import Series

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
