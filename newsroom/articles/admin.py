from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Case, Count, When
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from taggit.models import Tag

from newsroom.articles import autosave_views, calendar, services
from newsroom.articles.body.embeds import render_body
from newsroom.articles.extensions import ARTICLE_ADMIN_INLINES, EMBED_PICKERS
from newsroom.articles.models import (
    Article,
    Author,
    Correction,
    Revision,
    Section,
    Transition,
)
from newsroom.articles.views import article_page_context
from newsroom.kernel.admin import ReadOnlyAdmin
from newsroom.kernel.forms import EditorTextForm, tag_field
from newsroom.kernel.sitewide import selectors as sitewide
from newsroom.kernel.slugs.admin import SlugSuggestionAdmin
from newsroom.kernel.text import positive_int
from series.models import Series

TAG_SUGGESTIONS = 20


class ArticleAdminForm(EditorTextForm):
    """The article form, with a guard against two people saving over each other."""

    tags = tag_field(Article)
    # Read by hand (clean_base_version) so a missing or forged value is a
    # message at the top of the form, not an error on an invisible field.
    base_version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "dek",
            "summary_points",
            "body",
            "lead_image",
            "lead_image_alt",
            "kind",
            "section",
            "authors",
            "series",
            "people",
            "tags",
            "publish_at",
            "embargo_until",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        # Times are typed in the newsroom's zone: say which, as the
        # scheduling box and the calendar do.
        zone = timezone.get_current_timezone_name()
        for name in ("publish_at", "embargo_until"):
            if name in self.fields:
                self.fields[name].label = f"{self.fields[name].label} ({zone})"
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version

    def clean_base_version(self):
        return positive_int(self.cleaned_data.get("base_version"))

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        if cleaned.get("base_version") is None:
            # Without it the guard below cannot tell a stale form from a fresh
            # one, so a save would overwrite whatever was saved meanwhile.
            raise ValidationError(
                "This form does not say which version of the article it started "
                "from, so saving it could overwrite someone else's changes. "
                "Nothing was saved. Copy your text, reload the page and save again."
            )
        # Lock the row so a concurrent save waits for this one to finish.
        current = (
            Article.objects.select_for_update().filter(pk=self.instance.pk).first()
        )
        base = cleaned.get("base_version")
        publish_at, embargo = cleaned.get("publish_at"), cleaned.get("embargo_until")
        if (
            current is not None
            and current.status == Article.Status.PUBLISHED
            and publish_at
            and embargo
            and publish_at < embargo
        ):
            self.add_error(
                "embargo_until",
                "This article is published or scheduled before the embargo ends. "
                "Move the publish time after the embargo, or unpublish it first.",
            )
        if current is None or base is None or base == current.version:
            return cleaned
        if self.data.get("_overwrite") == str(current.version):
            return cleaned
        self.conflict = conflict_details(current)
        raise ValidationError(
            f"{self.conflict['who']} saved this article at {self.conflict['when']}, "
            "after you opened it. Your text is kept in the form below, and their "
            "saved version is shown above it: copy what you need, or tick "
            "“Save my version over theirs” and save again."
        )


def conflict_details(current: Article) -> dict:
    latest_revision = current.revisions.select_related("user").first()
    latest_move = current.transitions.select_related("user").first()
    events = [e for e in (latest_revision, latest_move) if e is not None]
    latest = max(events, key=lambda e: e.created_at) if events else None
    user = getattr(latest, "user", None)
    who = (user.get_full_name() or user.get_username()) if user else "Someone"
    when = timezone.localtime(latest.created_at if latest else current.updated_at)
    return {
        "who": who,
        "when": when.strftime("%H:%M on %d %b %Y"),
        "version": current.version,
        "title": current.title,
        "dek": current.dek,
        "body": current.body,
    }


class MoveForm(forms.Form):
    """The comment and time that travel with a workflow button."""

    move_comment = forms.CharField(required=False, max_length=2000)
    move_at = forms.DateTimeField(
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )


@admin.register(Section)
class SectionAdmin(SlugSuggestionAdmin, admin.ModelAdmin):
    form = EditorTextForm
    list_display = ["name", "slug", "position", "in_navigation", "article_count"]
    ordering = ["position", "name"]
    list_editable = ["position", "in_navigation"]
    search_fields = ["name"]
    slug_source = "name"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description="articles", ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles


@admin.register(Author)
class AuthorAdmin(SlugSuggestionAdmin, admin.ModelAdmin):
    form = EditorTextForm
    list_display = ["name", "job_title", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "job_title", "user__username"]
    slug_source = "name"
    autocomplete_fields = ["user", "photo"]


class CorrectionInline(admin.TabularInline):
    model = Correction
    form = EditorTextForm
    extra = 0
    fields = ["created_at", "kind", "note"]
    verbose_name = "correction or update shown to readers"
    verbose_name_plural = "corrections and updates shown to readers"

    def has_add_permission(self, request, obj=None):
        return services.is_editor(request.user)

    def has_change_permission(self, request, obj=None):
        return services.is_editor(request.user)

    def has_delete_permission(self, request, obj=None):
        return services.is_editor(request.user)


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("in_review", "In review"),
            ("approved", "Approved"),
            ("scheduled", "Scheduled"),
            ("published", "Published"),
            ("unpublished", "Unpublished"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == "scheduled":
            return queryset.filter(status="published", publish_at__gt=now)
        if value == "published":
            return queryset.live()
        if value in {"draft", "in_review", "approved", "unpublished"}:
            return queryset.filter(status=value)
        return queryset


@admin.register(Article)
class ArticleAdmin(SlugSuggestionAdmin, admin.ModelAdmin):
    form = ArticleAdminForm
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
    list_filter = [StateFilter, "kind", "section"]
    list_select_related = ["section"]
    search_fields = ["title", "dek", "slug", "authors__name", "tags__name"]
    date_hierarchy = "publish_at"
    ordering = ["-updated_at"]
    autocomplete_fields = ["authors", "series", "people", "section", "lead_image"]
    actions = [
        "submit_selected",
        "approve_selected",
        "publish_selected",
        "unpublish_selected",
    ]
    save_on_top = True
    change_form_template = "admin/newsroom/article/change_form.html"

    class Media:
        css = {"all": ["admin/newsroom.css", "admin/article-autosave.css"]}
        # Deferred: the admin prints Media in <head>, before the form exists.
        js = [
            forms.Script("admin/newsroom-presence.js", defer=True),
            forms.Script("admin/newsroom-editor.js", defer=True),
            forms.Script("admin/article-autosave.js", defer=True),
        ]

    def slug_hints(self, request, data):
        """A taken slug first tries the article's series: “…-metallic-rouge”."""
        ids = [positive_int(value) for value in data.getlist("series")[:5]]
        return tuple(
            Series.objects.filter(pk__in=ids)
            .order_by("pk")
            .values_list("slug", flat=True)
        )

    def get_inlines(self, request, obj):
        # Other apps add theirs (reviews: the score box) through
        # ARTICLE_ADMIN_INLINES; each inline decides whether it applies.
        added = [
            inline
            for inline in ARTICLE_ADMIN_INLINES
            if getattr(inline, "applies_to", lambda obj: True)(obj)
        ]
        return [*added, CorrectionInline]

    def get_fieldsets(self, request, obj=None):
        publishing = ["publish_at", "embargo_until", "status", "view_on_site_link"]
        if obj is not None:
            publishing += ["created_at", "updated_at"]
        return [
            (
                None,
                {
                    "fields": [
                        "title",
                        "slug",
                        "dek",
                        "summary_points",
                        "body",
                        "base_version",
                    ]
                },
            ),
            ("Media", {"fields": ["lead_image", "lead_image_alt"]}),
            (
                "Relations",
                {"fields": ["kind", "section", "authors", "series", "people", "tags"]},
            ),
            ("Publishing", {"fields": publishing}),
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = ["status", "created_at", "updated_at", "view_on_site_link"]
        if not services.is_editor(request.user):
            fields.append("publish_at")
        return fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    # Permissions: the server decides, whatever the page offered.

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or services.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or services.can_delete(request.user, obj)

    def get_deleted_objects(self, objs, request):
        """An article's own history (workflow log, revisions, corrections,
        preview links, score box) goes with it: whoever may delete the
        article needs no permission on each of those rows."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        owned = {
            relation.related_model._meta.verbose_name
            for relation in Article._meta.related_objects
            if relation.on_delete is models.CASCADE
        }
        perms_needed = perms_needed - owned
        if not all(services.can_delete(request.user, obj) for obj in objs):
            # The bulk action asks once for the whole selection.
            perms_needed.add(Article._meta.verbose_name)
        return deleted, counts, perms_needed, protected

    def delete_view(self, request, object_id, extra_context=None):
        """The confirmation names the articles that embed this one."""
        article = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if article is not None:
            extra_context["linked_from"] = list(
                Article.objects.filter(embed_keys__contains=f" article:{article.pk} ")
                .exclude(pk=article.pk)
                .only("title", "status", "publish_at")[:50]
            )
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        services.article_delete(article=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            services.article_delete(article=article, user=request.user)

    def has_publish_permission(self, request):
        return services.is_editor(request.user)

    # List columns

    @admin.display(description="bylines")
    def byline(self, obj):
        return ", ".join(author.name for author in obj.authors.all())

    @admin.display(description="state", ordering="status")
    def publish_state(self, obj):
        state = services.effective_state(obj)
        if obj.status == Article.Status.PUBLISHED and not obj.is_scheduled:
            label = "Live"
        else:
            label = obj.state_label
        return format_html('<span class="state state-{}">{}</span>', state, label)

    @admin.display(description="on the site")
    def view_on_site_link(self, obj):
        if obj.pk and obj.is_live:
            return format_html(
                '<a href="{}" target="_blank" rel="noopener">{}</a>',
                obj.get_absolute_url(),
                obj.get_absolute_url(),
            )
        return "Not visible to readers."

    # Saving

    def save_model(self, request, obj, form, change):
        """Nothing here: the row is saved with everything else by one service
        call in ``save_related``, where the inline formsets are at hand."""

    def save_related(self, request, form, formsets, change):
        related = partial(super().save_related, request, form, formsets, change)
        save = services.article_update if change else services.article_create
        save(
            article=form.instance,
            user=request.user,
            relations=services.ArticleRelations(save_related=related),
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            super().save_formset(request, form, formset, change)
            # An inline box that removed itself (a score box on an article
            # that is no longer a review) says so.
            if getattr(formset, "removed_message", ""):
                self.message_user(request, formset.removed_message, messages.WARNING)
            return
        # A new note goes through the correction service (dated, signed and
        # audited); edits and removals of earlier notes are part of the save.
        for correction in formset.save(commit=False):
            if correction.pk is None:
                services.article_add_correction(
                    article=form.instance,
                    user=request.user,
                    note=correction.note,
                    kind=correction.kind,
                    at=correction.created_at,
                )
            else:
                correction.save()
        for correction in formset.deleted_objects:
            correction.delete()

    def response_change(self, request, obj):
        if "_move" in request.POST:
            self._move(request, obj, request.POST["_move"])
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_move" in request.POST:
            self._move(request, obj, request.POST["_move"])
            return HttpResponseRedirect(
                reverse("admin:newsroom_article_change", args=[obj.pk])
            )
        return super().response_add(request, obj, post_url_continue)

    def _move(self, request, article, action) -> bool:
        form = MoveForm(request.POST)
        if not form.is_valid():
            self.message_user(
                request, "Enter the time as YYYY-MM-DD HH:MM.", messages.ERROR
            )
            return False
        at = form.cleaned_data["move_at"]
        if at is None and action == "schedule" and article.publish_at:
            # "Save and schedule" with the scheduling box empty: the form's
            # own publish time, just saved, is the time meant.
            at = article.publish_at
        try:
            article = services.article_transition(
                article=article,
                user=request.user,
                action=action,
                comment=form.cleaned_data["move_comment"],
                at=at,
            )
        except (PermissionDenied, ValidationError) as error:
            text = " ".join(getattr(error, "messages", [str(error)]))
            self.message_user(request, f"“{article}”: {text}", messages.ERROR)
            return False
        self.message_user(
            request,
            f"“{article}” is now {article.state_label.lower()}.",
            messages.SUCCESS,
        )
        return True

    # Change form context: workflow, presence, history, previews

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        extra_context["embed_pickers"] = list(EMBED_PICKERS)
        extra_context["can_upload_images"] = request.user.has_perm("media.add_image")
        article = self.get_object(request, object_id) if object_id else None
        if article is not None:
            extra_context.update(self._workflow_context(request, article))
        if article is not None or not object_id:
            extra_context["autosave"] = autosave_views.form_context(request, article)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _workflow_context(self, request, article):
        # Reading the form writes nothing: the page's script announces the
        # editor with a POST to the presence view as soon as it loads.
        others = services.editing_others(article=article, user=request.user)
        can_share = services.can_share(request.user, article)
        moves = services.available_moves(request.user, article)
        return {
            "moves": moves,
            # One time input serves every move that can take a time.
            "offers_time": any(
                move.needs_time or move.name == "approve" for move in moves
            ),
            "article_state": services.effective_state(article),
            "others_editing": others,
            "transitions": article.transitions.select_related("user")[:20],
            "revision_count": article.revisions.count(),
            # A live link is as good as sharing: only shown to who may share.
            "preview_links": list(article.preview_links.usable()) if can_share else [],
            "can_edit_article": services.can_edit(request.user, article),
            "can_share_article": can_share,
            "time_zone": timezone.get_current_timezone_name(),
        }

    def render_change_form(self, request, context, *args, **kwargs):
        form = context.get("adminform").form if context.get("adminform") else None
        context["conflict"] = getattr(form, "conflict", None)
        return super().render_change_form(request, context, *args, **kwargs)

    # Extra pages

    def get_urls(self):
        def view(func):
            return self.admin_site.admin_view(func)

        extra = [
            path(
                "calendar/",
                view(partial(calendar.calendar_view, model_admin=self)),
                name="newsroom_article_calendar",
            ),
            path(
                "tag-autocomplete/",
                view(self.tag_autocomplete),
                name="newsroom_tag_autocomplete",
            ),
            path(
                "embed-search/",
                view(self.embed_search),
                name="newsroom_article_embed_search",
            ),
            path(
                "render-preview/",
                view(self.render_preview),
                name="newsroom_article_render_preview",
            ),
            path("<int:pk>/move/", view(self.move_view), name="newsroom_article_move"),
            path(
                "<int:pk>/preview/",
                view(self.preview_view),
                name="newsroom_article_preview",
            ),
            path(
                "<int:pk>/share/", view(self.share_view), name="newsroom_article_share"
            ),
            path(
                "<int:pk>/share/<int:link_pk>/revoke/",
                view(self.revoke_view),
                name="newsroom_article_revoke",
            ),
            path(
                "<int:pk>/revisions/",
                view(self.revisions_view),
                name="newsroom_article_revisions",
            ),
            path(
                "<int:pk>/revisions/<int:number>/restore/",
                view(self.restore_view),
                name="newsroom_article_restore",
            ),
            path(
                "<int:pk>/presence/",
                view(self.presence_view),
                name="newsroom_article_presence",
            ),
            *autosave_views.urls(self),
        ]
        return extra + super().get_urls()

    def _article_for(self, request, pk) -> Article:
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def _back(self, article):
        return HttpResponseRedirect(
            reverse("admin:newsroom_article_change", args=[article.pk])
        )

    def tag_autocomplete(self, request):
        """Suggest existing tag names for the tag box (Select2's JSON format)."""
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        term = " ".join(request.GET.get("term", "").split())[:100]
        tags = Tag.objects.order_by("name")
        if term:
            # The exact tag first, then those starting with the term, then
            # the rest that contain it.
            tags = tags.filter(name__icontains=term).order_by(
                Case(
                    When(name__iexact=term, then=0),
                    When(name__istartswith=term, then=1),
                    default=2,
                ),
                "name",
            )
        names = list(tags.values_list("name", flat=True)[:TAG_SUGGESTIONS])
        if term and term.casefold() not in {name.casefold() for name in names}:
            # What was typed is a tag of its own, offered first: Enter takes it.
            names.insert(0, term)
        return JsonResponse(
            {
                "results": [{"id": name, "text": name} for name in names],
                "pagination": {"more": False},
            }
        )

    def render_preview(self, request):
        """The body as readers will see it, for the editor's live preview pane."""
        if request.method != "POST":
            raise Http404
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        body = request.POST.get("body", "")[:200_000]
        result = render_body(body, strict=True)
        return JsonResponse(
            {"html": result.html, "errors": result.errors, "warnings": result.warnings}
        )

    def embed_search(self, request):
        """The toolbar's pickers: ``?kind=image&q=rooftop`` → embeds to insert."""
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        pickers = {picker.kind: picker for picker in EMBED_PICKERS}
        picker = pickers.get(request.GET.get("kind", ""))
        if picker is None:
            known = ", ".join(pickers)
            return JsonResponse({"error": f"Choose a kind: {known}."}, status=400)
        term = " ".join(request.GET.get("q", "").split())[:200]
        try:
            results = picker.search(term)
        except ValueError as error:
            return JsonResponse({"results": [], "error": str(error)})
        return JsonResponse({"results": results, "error": ""})

    def move_view(self, request, pk):
        """Workflow buttons on a form the user may not edit (e.g. a piece in review)."""
        if request.method != "POST":
            raise Http404
        article = self._article_for(request, pk)
        self._move(request, article, request.POST.get("_move", ""))
        return self._back(article)

    def preview_view(self, request, pk):
        article = self._article_for(request, pk)
        context = article_page_context(article, request, preview="staff")
        response = TemplateResponse(request, "newsroom/article_detail.html", context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response

    def share_view(self, request, pk):
        """A shareable preview link; PermissionDenied (403) for anyone but an
        editor or the article's author."""
        if request.method != "POST":
            raise Http404
        article = self._article_for(request, pk)
        link = services.preview_link_create(article=article, user=request.user)
        # On the public address, which the person it is shared with can reach
        # (an editor may be on an internal admin host).
        url = sitewide.absolute_url(
            reverse("newsroom:preview", kwargs={"token": link.token})
        )
        expires = timezone.localtime(link.expires_at)
        self.message_user(
            request,
            format_html(
                'Preview link, valid until {}: <a href="{}">{}</a>',
                f"{expires:%d %b %Y %H:%M}",
                url,
                url,
            ),
            messages.SUCCESS,
        )
        return self._back(article)

    def revoke_view(self, request, pk, link_pk):
        if request.method != "POST":
            raise Http404
        article = self._article_for(request, pk)
        link = get_object_or_404(article.preview_links, pk=link_pk)
        try:
            services.preview_link_revoke(link=link, user=request.user)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, "The preview link no longer works.")
        return self._back(article)

    def revisions_view(self, request, pk):
        article = self._article_for(request, pk)
        revisions = list(article.revisions.select_related("user"))
        by_number = {revision.number: revision for revision in revisions}
        changes, older, newer = None, None, None
        try:
            a, b = int(request.GET.get("a", 0)), int(request.GET.get("b", 0))
        except ValueError:
            a = b = 0
        if a in by_number and b in by_number:
            older, newer = sorted([by_number[a], by_number[b]], key=lambda r: r.number)
            changes = services.revision_diff(older, newer)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Revisions of “{article}”",
            "article": article,
            "revisions": revisions,
            "older": older,
            "newer": newer,
            "changes": changes,
            "can_restore": services.can_edit(request.user, article),
        }
        return TemplateResponse(
            request, "admin/newsroom/article/revisions.html", context
        )

    def restore_view(self, request, pk, number):
        if request.method != "POST":
            raise Http404
        article = self._article_for(request, pk)
        revision = get_object_or_404(Revision, article=article, number=number)
        try:
            services.article_restore_revision(
                article=article, revision=revision, user=request.user
            )
        except (PermissionDenied, ValidationError) as error:
            text = " ".join(getattr(error, "messages", [str(error)]))
            self.message_user(request, text, messages.ERROR)
        else:
            self.message_user(
                request,
                f"Revision {number} restored as a new revision.",
                messages.SUCCESS,
            )
        return self._back(article)

    def presence_view(self, request, pk):
        """Heartbeat from an open change form; answers who else has it open."""
        if request.method != "POST":
            raise Http404
        article = self._article_for(request, pk)
        if request.POST.get("leave"):
            services.editing_leave(article=article, user=request.user)
            return JsonResponse({"others": []})
        others = services.editing_touch(article=article, user=request.user)
        return JsonResponse(
            {"others": [user.get_full_name() or user.get_username() for user in others]}
        )

    # Bulk actions

    def _bulk(self, request, queryset, action):
        done = 0
        for article in queryset:
            if self._move(request, article, action):
                done += 1
        return done

    @admin.action(description="Submit selected for review", permissions=["change"])
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, "submit")

    @admin.action(description="Approve selected", permissions=["publish"])
    def approve_selected(self, request, queryset):
        self._bulk(request, queryset, "approve")

    @admin.action(description="Publish selected now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, "publish")

    @admin.action(description="Unpublish selected", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, "unpublish")


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The workflow log, read-only."""

    list_display = ["created_at", "article", "user", "from_status", "to_status"]
    list_filter = ["to_status", "action"]
    list_select_related = ["article", "user"]
    search_fields = ["article__title", "comment"]
    date_hierarchy = "created_at"
