"""Standing pages editors manage: editorial policy, disclosures, contact."""

from django.db import models
from django.urls import reverse

from newsroom.markdown import render_markdown


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
