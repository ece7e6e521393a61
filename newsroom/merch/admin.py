"""Admin for affiliate merch, the click report, banners and standing pages."""

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html

from newsroom.articles import services
from newsroom.kernel.forms import EditorTextForm, tag_field
from newsroom.kernel.slugs.admin import SlugSuggestionAdmin

from . import links
from .models import MerchClick, MerchItem, Retailer


@admin.register(Retailer)
class RetailerAdmin(SlugSuggestionAdmin, admin.ModelAdmin):
    form = EditorTextForm
    list_display = ["name", "domain_list"]
    search_fields = ["name", "allowed_domains"]
    slug_source = "name"

    @admin.display(description="allowed domains")
    def domain_list(self, obj):
        return ", ".join(obj.domains)


class MerchItemForm(EditorTextForm):
    tags = tag_field(MerchItem)

    class Meta:
        model = MerchItem
        fields = [
            "name",
            "image",
            "retailer",
            "price",
            "currency",
            "url",
            "series",
            "tags",
            "active_from",
            "active_until",
            "in_stock",
        ]


class ActiveFilter(admin.SimpleListFilter):
    title = "shown to readers"
    parameter_name = "shown"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        active = MerchItem.objects.active().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=active)
        if self.value() == "no":
            return queryset.exclude(pk__in=active)
        return queryset


@admin.register(MerchItem)
class MerchItemAdmin(admin.ModelAdmin):
    form = MerchItemForm
    list_display = [
        "thumbnail",
        "name",
        "retailer",
        "price_label",
        "series",
        "shown",
        "link_status",
        "click_total",
    ]
    list_display_links = ["name"]
    list_filter = [ActiveFilter, "retailer", "link_status", "in_stock", "currency"]
    list_select_related = ["retailer", "series", "image"]
    search_fields = ["name", "retailer__name", "series__title", "url"]
    autocomplete_fields = ["image", "series", "retailer"]
    readonly_fields = ["link_status", "link_checked_at", "link_note", "click_total"]
    fieldsets = [
        (None, {"fields": ["name", "image", "retailer", ("price", "currency"), "url"]}),
        (
            "Where it shows",
            {"fields": ["series", "tags", "active_from", "active_until", "in_stock"]},
        ),
        (
            "Link health",
            {"fields": ["link_status", "link_checked_at", "link_note", "click_total"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(clicks_sum=Sum("clicks__count"))
            .prefetch_related("image__renditions")
        )

    @admin.display(description="picture")
    def thumbnail(self, obj):
        if obj.image is None:
            return "–"
        small = min(
            (r for r in obj.image.renditions.all() if r.kind == "width"),
            key=lambda r: r.width,
            default=None,
        )
        if small is None:
            return "–"
        return format_html(
            '<img src="{}" alt="" width="60" height="60" class="library-thumb">',
            small.file.url,
        )

    @admin.display(description="price", ordering="price")
    def price_label(self, obj):
        return f"{obj.price} {obj.currency}"

    @admin.display(description="shown", boolean=True)
    def shown(self, obj):
        return obj.is_active

    @admin.display(description="clicks", ordering="clicks_sum")
    def click_total(self, obj):
        return getattr(obj, "clicks_sum", None) or 0

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Articles showing the item are re-rendered by the worker.
        for key in links.item_embed_keys(form.instance):
            services.refresh_embedding_articles_later(key=key)

    def get_urls(self):
        report = path(
            "clicks/",
            self.admin_site.admin_view(self.click_report),
            name="merch_merchitem_clicks",
        )
        return [report, *super().get_urls()]

    def click_report(self, request):
        """Clicks per item and per article over a date range."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        form = ClickRangeForm(
            request.GET or None,
            initial={"start": today - timedelta(days=30), "end": today},
        )
        start, end = today - timedelta(days=30), today
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        clicks = MerchClick.objects.filter(day__gte=start, day__lte=end)
        by_item = (
            clicks.values("item__pk", "item__name", "item__retailer__name")
            .annotate(total=Sum("count"))
            .order_by("-total", "item__name")
        )
        by_article = (
            clicks.values("article__pk", "article__title")
            .annotate(total=Sum("count"))
            .order_by("-total", "article__title")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Merch clicks",
            "form": form,
            "start": start,
            "end": end,
            "by_item": by_item,
            "by_article": by_article,
            "total": clicks.aggregate(total=Sum("count"))["total"] or 0,
        }
        return TemplateResponse(request, "admin/merch/merch_clicks.html", context)


class ClickRangeForm(forms.Form):
    start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("start")
            and cleaned.get("end")
            and cleaned["start"] > cleaned["end"]
        ):
            raise forms.ValidationError("The start date comes after the end date.")
        return cleaned
