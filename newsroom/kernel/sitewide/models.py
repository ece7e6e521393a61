"""What every reader page shares: standing pages (editorial policy,
disclosures, contact) and the site-wide promotion banner."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from newsroom.kernel.markdown import render_markdown

http_url = URLValidator(schemes=["http", "https"])


class Page(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(editable=False, default="")
    in_footer = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("newsroom:page-detail", kwargs={"slug": self.slug})


def known_languages() -> dict[str, str]:
    """Language codes a banner may carry (Django's list, ``settings.LANGUAGES``),
    with their names."""
    return {code: str(name) for code, name in settings.LANGUAGES}


class BannerQuerySet(models.QuerySet):
    def not_over(self, now):
        """Switched on and not yet ended at ``now``: running or still to come."""
        return self.filter(is_active=True).exclude(ends_at__lte=now)

    def overlapping(self, banner: "Banner", now) -> list["Banner"]:
        """Other banners that run together with ``banner`` at some moment
        from ``now`` on (see ``Banner.runs_with``)."""
        if not banner.is_active or (banner.ends_at and banner.ends_at <= now):
            return []
        others = self.not_over(now).exclude(pk=banner.pk).order_by("starts_at")
        return [other for other in others if banner.runs_with(other)]


class Banner(models.Model):
    """A site-wide promotion editors schedule; readers can dismiss it."""

    message = models.CharField(max_length=300)
    language = models.CharField(
        max_length=10,
        default="en",
        help_text="Language of the message, e.g. “de” for German.",
    )
    link_url = models.URLField(blank=True, validators=[http_url])
    link_text = models.CharField(max_length=80, blank=True)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    objects = BannerQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="banner_ends_after_start",
                violation_error_message="The banner must end after it starts.",
            )
        ]

    def __str__(self):
        return self.message[:60]

    def runs_with(self, other: "Banner") -> bool:
        """Whether the two are up at the same moment. Every reader is shown
        the newest running banner whatever its language (``current_banner``),
        so two banners that share time share their audience too."""
        return (other.ends_at is None or other.ends_at > self.starts_at) and (
            self.ends_at is None or other.starts_at < self.ends_at
        )

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The end must come after the start."
        if self.language not in known_languages():
            errors["language"] = ValidationError(
                "“%(code)s” is not a language code Shimbun knows; pick one from "
                "the list (e.g. “de” for German).",
                params={"code": self.language[:12]},
            )
        if errors:
            raise ValidationError(errors)
