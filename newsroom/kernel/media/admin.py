"""The media library in the admin."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.forms import modelform_factory
from django.http import Http404, JsonResponse
from django.urls import path
from django.utils.html import format_html

from newsroom.kernel.forms import EditorTextForm

from . import services
from .models import Image
from .pictures import smallest_rendition
from .validators import LibraryImageField

#: What an editor fills in when a picture is pasted or dropped into an article.
QUICK_ADD_FIELDS = ["file", "title", "alt_text", "caption", "credit"]


class ImageAdminForm(EditorTextForm):
    """The library form; while an upload waits for its task the image has no
    public file yet, so the file field may stay empty on later edits."""

    class Meta:
        model = Image
        fields = "__all__"
        field_classes = {"file": LibraryImageField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.upload_name:
            self.fields["file"].required = False
            self.fields["file"].help_text = (
                "The uploaded file is being processed; choose another only to "
                "replace it."
            )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """The media library: upload once, describe once, embed anywhere."""

    form = ImageAdminForm
    list_display = ["thumbnail", "title", "credit", "size", "embed", "rights_expire_on"]
    list_display_links = ["title"]
    search_fields = ["title", "alt_text", "caption", "credit", "source"]
    list_filter = ["processing", "rights_expire_on"]
    date_hierarchy = "created_at"
    readonly_fields = ["preview", "size", "embed"]
    actions = ["process_again"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "size", "embed"]}),
        ("Description", {"fields": ["title", "alt_text", "caption", "credit"]}),
        ("Rights", {"fields": ["source", "licence", "rights_expire_on"]}),
        ("Cropping", {"fields": ["focal_x", "focal_y"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def has_change_permission(self, request, obj=None):
        """Whoever may change images edits their own uploads; the library's
        keepers (``change_any_image``) edit everyone's."""
        if not super().has_change_permission(request, obj):
            return False
        return (
            obj is None
            or obj.uploaded_by_id == request.user.pk
            or request.user.has_perm("media.change_any_image")
        )

    def _smallest(self, obj):
        return smallest_rendition(obj)

    def _processing_state(self, obj):
        """What an editor should know while an image is not ready, or None."""
        if obj.processing == Image.Processing.FAILED:
            return format_html(
                '<span class="processing-failed">{}: {}</span>',
                obj.get_processing_display(),
                obj.processing_note,
            )
        if obj.processing == Image.Processing.PENDING:
            return format_html(
                '<span class="processing-pending">{}</span>',
                "Renditions are being made…",
            )
        return None

    @admin.display(description="picture")
    def thumbnail(self, obj):
        state = self._processing_state(obj)
        if state is not None:
            return state
        small = self._smallest(obj)
        if small is None:
            return "–"
        return format_html(
            '<img src="{}" alt="" width="80" height="{}" class="library-thumb">',
            small.file.url,
            max(1, round(80 * small.height / small.width)),
        )

    @admin.display(description="preview")
    def preview(self, obj):
        state = self._processing_state(obj)
        if state is not None:
            return state
        small = self._smallest(obj)
        if small is None:
            return "Saved images show a preview here."
        return format_html(
            '<img src="{}" alt="{}" class="library-preview">',
            small.file.url,
            obj.alt_text,
        )

    @admin.display(description="size")
    def size(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "–"

    @admin.display(description="embed code")
    def embed(self, obj):
        if not obj.pk:
            return "–"
        return format_html("<code>{}</code>", obj.embed_code)

    def get_urls(self):
        return [
            path(
                "quick-add/",
                self.admin_site.admin_view(self.quick_add_view),
                name="media_image_quick_add",
            ),
            *super().get_urls(),
        ]

    def quick_add_view(self, request):
        """An upload from where the editor writes (a picture pasted or dropped
        into an article): the library's own form and checks, answered in JSON."""
        if request.method != "POST":
            raise Http404
        if not self.has_add_permission(request):
            raise PermissionDenied
        form_class = modelform_factory(
            Image, form=ImageAdminForm, fields=QUICK_ADD_FIELDS
        )
        form = form_class(request.POST, request.FILES)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        image = services.image_store(
            image=form.save(commit=False), user=request.user, file_changed=True
        )
        return JsonResponse(
            {
                "id": image.pk,
                "title": image.title,
                "alt_text": image.alt_text,
                "code": image.embed_code,
                "pending": image.processing == Image.Processing.PENDING,
            },
            status=201,
        )

    def save_model(self, request, obj, form, change):
        services.image_store(
            image=obj, user=request.user, file_changed="file" in form.changed_data
        )

    @admin.action(description="Make renditions again for waiting or failed uploads")
    def process_again(self, request, queryset):
        count = services.image_process_again(images=queryset)
        self.message_user(request, f"{count} image(s) queued for processing.")
