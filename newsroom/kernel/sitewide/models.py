"""What every reader page shares: standing pages (editorial policy,
disclosures, contact) and the site-wide promotion banner."""

from django.core.validators import URLValidator
from django.db import models
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

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self):
        return self.message[:60]
