from django.conf import settings
from django.db import models
from django.urls import reverse


class Author(models.Model):
    """A byline: the public profile of a writer, editor or contributor."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The admin account this byline belongs to, if any.",
    )
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    job_title = models.CharField(
        max_length=120,
        blank=True,
        help_text="Shown under the name, e.g. “Senior anime critic”.",
    )
    bio = models.TextField(blank=True, help_text="A few sentences, plain text.")
    photo = models.ForeignKey(
        "media.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A head shot from the media library; square works best.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsroom:author-detail", kwargs={"slug": self.slug})
