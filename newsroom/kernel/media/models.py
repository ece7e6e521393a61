"""The media library: images uploaded once, described once, used anywhere."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone

from newsroom.kernel.media.validators import validate_image_upload


class ImageQuerySet(models.QuerySet):
    def usable(self, *, on=None):
        """Images whose usage rights have not run out."""
        today = on or timezone.localdate()
        return self.filter(
            models.Q(rights_expire_on__isnull=True)
            | models.Q(rights_expire_on__gt=today)
        )


class Image(models.Model):
    """An uploaded picture with its description, credit and rights.

    A new upload waits, private, under ``upload_name`` in the "incoming"
    storage until a background task has stripped its metadata into ``file``
    (public) and made its renditions; ``processing`` tells where that stands.
    """

    class Processing(models.TextChoices):
        PENDING = "pending", "Being processed"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be processed"

    file = models.ImageField(
        upload_to="images/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text="JPEG, PNG, WebP or GIF, up to 15 MB. Location data, comments "
        "and other metadata are removed.",
    )
    upload_name = models.CharField(max_length=255, blank=True, editable=False)
    processing = models.CharField(
        max_length=10,
        choices=Processing.choices,
        default=Processing.READY,
        editable=False,
    )
    processing_note = models.CharField(max_length=300, blank=True, editable=False)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    title = models.CharField(
        max_length=200, help_text="For finding it in the library; not shown to readers."
    )
    alt_text = models.CharField(
        max_length=300,
        help_text="What the image shows, for readers who cannot see it. Required.",
    )
    caption = models.CharField(max_length=400, blank=True)
    credit = models.CharField(
        max_length=200,
        blank=True,
        help_text="Shown with the image, e.g. “Crunchyroll” or “© BONES/Project "
        "Rouge”. “Image credit:” is added for you.",
    )
    source = models.CharField(
        max_length=200, blank=True, help_text="Where it came from (press kit, …)."
    )
    licence = models.CharField(max_length=200, blank=True)
    rights_expire_on = models.DateField(
        "rights expire on",
        null=True,
        blank=True,
        help_text="From this day the image is no longer shown anywhere on the site.",
    )
    focal_x = models.PositiveSmallIntegerField(
        "focal point across (%)",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="Where crops should centre: 0 is the left edge, 100 the right.",
    )
    focal_y = models.PositiveSmallIntegerField(
        "focal point down (%)",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="0 is the top edge, 100 the bottom.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("change_any_image", "Can change images that others uploaded"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        # Checked here rather than as a field validator, so that migrations
        # never import application code.
        if self.file and not getattr(self.file, "_committed", True):
            validate_image_upload(self.file)

    @property
    def embed_code(self) -> str:
        return f"[[image:{self.pk}]]"

    @property
    def rights_expired(self) -> bool:
        return bool(
            self.rights_expire_on and self.rights_expire_on <= timezone.localdate()
        )

    @property
    def credit_line(self) -> str:
        return f"Image credit: {self.credit}" if self.credit else ""


class Rendition(models.Model):
    """One resized copy of an image, made once by the task that processes it."""

    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"
        PNG = "png", "PNG"

    SOCIAL = "social"

    image = models.ForeignKey(
        Image, on_delete=models.CASCADE, related_name="renditions"
    )
    kind = models.CharField(
        max_length=10, default="width", help_text="“width” or “social”."
    )
    format = models.CharField(max_length=5, choices=Format.choices)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField("bytes", default=0)
    file = models.ImageField(upload_to="renditions/%Y/%m/", width_field=None)

    class Meta:
        ordering = ["image", "kind", "format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "kind", "format", "width"], name="rendition_once"
            )
        ]

    def __str__(self):
        return f"{self.image} {self.kind} {self.width}w {self.format}"
