from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from taggit.models import Tag

from . import services
from .forms import tag_field
from .models import Article, Author, Section

TAG_SUGGESTIONS = 20


class ArticleAdminForm(forms.ModelForm):
    tags = tag_field(Article)

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "dek",
            "body",
            "kind",
            "section",
            "authors",
            "series",
            "people",
            "tags",
            "publish_at",
        ]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "in_navigation", "article_count"]
    list_editable = ["position", "in_navigation"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description="articles", ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "job_title", "user__username"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "section",
        "byline",
        "publish_state",
        "publish_at",
        "updated_at",
    ]
    list_display_links = ["title"]
    list_filter = ["status", "kind", "section"]
    list_select_related = ["section"]
    search_fields = ["title", "dek", "slug", "authors__name", "tags__name"]
    date_hierarchy = "publish_at"
    ordering = ["-updated_at"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "series", "people", "section"]
    readonly_fields = ["status", "created_at", "updated_at", "view_on_site_link"]
    actions = ["publish_selected", "unpublish_selected"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "dek", "body"]}),
        (
            "Relations",
            {"fields": ["kind", "section", "authors", "series", "people", "tags"]},
        ),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "publish_at",
                    "view_on_site_link",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    change_form_template = "admin/newsroom/article/change_form.html"
    form = ArticleAdminForm

    class Media:
        css = {"all": ["admin/newsroom.css"]}

    def get_urls(self):
        extra = [
            path(
                "tag-autocomplete/",
                self.admin_site.admin_view(self.tag_autocomplete),
                name="newsroom_tag_autocomplete",
            )
        ]
        return extra + super().get_urls()

    def tag_autocomplete(self, request):
        """Suggest existing tag names for the tag box (Select2's JSON format)."""
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        term = request.GET.get("term", "").strip()[:100]
        tags = Tag.objects.order_by("name")
        if term:
            tags = tags.filter(name__icontains=term)
        names = list(tags.values_list("name", flat=True)[:TAG_SUGGESTIONS])
        return JsonResponse(
            {
                "results": [{"id": name, "text": name} for name in names],
                "pagination": {"more": False},
            }
        )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    @admin.display(description="bylines")
    def byline(self, obj):
        return ", ".join(author.name for author in obj.authors.all())

    @admin.display(description="state", ordering="status")
    def publish_state(self, obj):
        if obj.status != Article.Status.PUBLISHED:
            label, css = "Draft", "draft"
        elif obj.publish_at and obj.publish_at > timezone.now():
            label, css = "Scheduled", "scheduled"
        else:
            label, css = "Live", "live"
        return format_html('<span class="state state-{}">{}</span>', css, label)

    @admin.display(description="on the site")
    def view_on_site_link(self, obj):
        if obj.pk and obj.is_live:
            return format_html(
                '<a href="{}" target="_blank" rel="noopener">{}</a>',
                obj.get_absolute_url(),
                obj.get_absolute_url(),
            )
        return "Not visible to readers yet."

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not form.instance.authors.exists() and hasattr(
            request.user, "author_profile"
        ):
            form.instance.authors.add(request.user.author_profile)

    def has_publish_permission(self, request):
        return request.user.has_perm(services.PUBLISH_PERMISSION)

    def response_change(self, request, obj):
        for flag, service, verb in (
            ("_publish", services.article_publish, "published"),
            ("_unpublish", services.article_unpublish, "returned to draft"),
        ):
            if flag in request.POST:
                self._run(request, service, [obj], verb)
                return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_publish" in request.POST:
            self._run(request, services.article_publish, [obj], "published")
        return super().response_add(request, obj, post_url_continue)

    def _run(self, request, service, articles, verb):
        done = 0
        for article in articles:
            try:
                service(article=article, user=request.user)
            except (PermissionDenied, ValidationError) as error:
                message = "; ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"“{article}”: {message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, f"{done} article(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._run(request, services.article_publish, list(queryset), "published")

    @admin.action(
        description="Return selected articles to draft", permissions=["publish"]
    )
    def unpublish_selected(self, request, queryset):
        self._run(
            request, services.article_unpublish, list(queryset), "returned to draft"
        )
