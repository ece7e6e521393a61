from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from newsroom.kernel.slugs.models import RemembersOldSlugs

from ..body.embeds import body_text, render_body


def live_q(prefix: str = "", *, now=None) -> Q:
    """The one visibility rule: published, and its publish time has come.

    ``prefix`` lets the rule compose in joins, e.g. ``live_q("articles__")``.
    """
    now = now or timezone.now()
    return Q(
        **{
            f"{prefix}status": Article.Status.PUBLISHED,
            f"{prefix}publish_at__lte": now,
        }
    )


class SectionQuerySet(models.QuerySet):
    def navigation(self):
        """Sections shown in the site's main navigation, in editor order."""
        return self.filter(in_navigation=True).order_by("position", "name")


class Section(models.Model):
    """A desk of the outlet (News, Reviews, Features...), with its own page."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(
        blank=True, help_text="One or two sentences shown on the section page."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first in the navigation."
    )
    in_navigation = models.BooleanField(default=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsroom:section-detail", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def live(self, *, now=None):
        """Articles readers may see now; every page, feed and list starts here."""
        return self.filter(live_q(now=now))

    def for_listing(self):
        """What a card or feed item shows, in a fixed number of queries."""
        return self.select_related("section", "lead_image").prefetch_related(
            "authors", "tags", "lead_image__renditions"
        )

    def newest_first(self):
        return self.order_by("-publish_at", "-pk")


class Article(RemembersOldSlugs):
    """A piece of journalism: news, feature, interview, review or blog post."""

    class Kind(models.TextChoices):
        NEWS = "news", "News"
        FEATURE = "feature", "Feature"
        INTERVIEW = "interview", "Interview"
        REVIEW = "review", "Review"
        BLOG = "blog", "Blog post"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the article's address. Filled from the title.",
    )
    dek = models.CharField(
        "summary",
        max_length=300,
        blank=True,
        help_text="One sentence under the headline; also used by search engines "
        "and social cards.",
    )
    body = models.TextField(
        blank=True,
        help_text="Markdown: **bold**, _italic_, [link](https://…), ## subheading, "
        "> quote, - list.",
    )
    body_html = models.TextField(editable=False, default="")
    summary_points = models.TextField(
        "summary box",
        blank=True,
        help_text="Optional key points shown in a box at the top, one per line.",
    )
    lead_image = models.ForeignKey(
        "media.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead_of",
        help_text="Shown at the top and on social cards.",
    )
    lead_image_alt = models.CharField(
        "lead image alt text",
        max_length=300,
        blank=True,
        help_text="Only if this article needs a different description of the image.",
    )
    # Derived on save from the body: what it embeds, and when it must be re-rendered
    # because an embedded image's rights run out.
    embed_keys = models.TextField(editable=False, default="")
    body_notices = models.JSONField(
        editable=False,
        default=list,
        help_text="What the page must say because of the body (affiliate links).",
    )
    render_valid_until = models.DateTimeField(null=True, editable=False)
    # Derived for search: the body's prose without embeds (so no spoilers), and
    # on PostgreSQL the weighted vector of everything search reads (see search.py).
    search_text = models.TextField(editable=False, default="")
    search_vector = SearchVectorField(null=True, editable=False)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.NEWS)
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        "newsroom.Author",
        related_name="articles",
        verbose_name="bylines",
        blank=True,
        help_text="Leave empty to sign it with your own byline when you save.",
    )
    series = models.ManyToManyField(
        "series.Series",
        related_name="articles",
        blank=True,
        help_text="The anime this piece is about. Its series page lists it.",
    )
    people = models.ManyToManyField(
        "series.Person",
        related_name="articles",
        blank=True,
        help_text="People this piece interviews, profiles or is mainly about.",
    )
    tags = TaggableManager(
        blank=True, help_text="Topics shared with series and merch, comma separated."
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        db_index=True,
        help_text="When readers can first see it. A future time schedules it.",
    )
    embargo_until = models.DateTimeField(
        "embargo until",
        null=True,
        blank=True,
        help_text="Nobody can publish or schedule this piece to appear before "
        "this time (e.g. a press embargo).",
    )
    revised_at = models.DateTimeField(
        "last correction or update",
        null=True,
        blank=True,
        editable=False,
        help_text="Set by correction and update notes; readers and feeds see it.",
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up on every save, so two editors cannot overwrite each "
        "other unknowingly.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        permissions = [("publish_article", "Can publish and unpublish articles")]
        indexes = [models.Index(fields=["status", "-publish_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="article_published_has_publish_time",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        creating = self.pk is None
        self.render_body()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, *self.RENDERED_FIELDS}
        super().save(*args, **kwargs)
        if creating and " merch " in self.embed_keys:
            # Shop links count clicks per article, which needs this row's id.
            self.render_body()
            super().save(update_fields=self.RENDERED_FIELDS)

    def get_absolute_url(self):
        return reverse("newsroom:article-detail", kwargs={"slug": self.slug})

    RENDERED_FIELDS = (
        "body_html",
        "embed_keys",
        "body_notices",
        "render_valid_until",
        "search_text",
    )
    SEARCHED_FIELDS = frozenset({"title", "dek", "body", "search_text"})

    def render_body(self):
        """Fill the stored HTML from the body; broken embeds drop out quietly."""
        result = render_body(self.body, article_id=self.pk)
        self.body_html = result.html
        self.embed_keys = "".join(f" {key} " for key in sorted(result.refs))
        self.body_notices = sorted(result.notices)
        self.render_valid_until = result.valid_until
        self.search_text = body_text(result.html)
        return result

    def body_is_stale(self) -> bool:
        """Whether something the stored HTML shows has run out since it was
        rendered (an image's rights, a merch item's window)."""
        return bool(
            self.render_valid_until and self.render_valid_until <= timezone.now()
        )

    def current_body_html(self) -> str:
        """The stored HTML, or, when it has gone stale and the background
        re-render has not run yet, a fresh rendering that is not stored: a
        reader's request never writes."""
        if self.body_is_stale():
            return render_body(self.body, article_id=self.pk).html
        return self.body_html

    def rerender(self) -> None:
        """Render the stored body again and store just that, marking the row
        changed (feeds' Last-Modified reads it) without a revision or save()."""
        self.render_body()
        self.updated_at = timezone.now()
        type(self).objects.filter(pk=self.pk).update(
            updated_at=self.updated_at,
            **{name: getattr(self, name) for name in self.RENDERED_FIELDS},
        )

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED and not self.publish_at:
            errors["publish_at"] = "A published article needs a publish time."
        problems = render_body(self.body, strict=True).errors
        if problems:
            errors["body"] = problems
        if self.lead_image_id and self.lead_image.rights_expired:
            errors["lead_image"] = "The rights to this image have run out."
        if errors:
            raise ValidationError(errors)

    @property
    def summary_list(self) -> list[str]:
        return [
            line.strip(" -*•")
            for line in self.summary_points.splitlines()
            if line.strip(" -*•")
        ]

    @property
    def is_live(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def modified_at(self):
        """When readers were last told of a change: publication or the last note."""
        if self.revised_at and self.publish_at and self.revised_at > self.publish_at:
            return self.revised_at
        return self.publish_at or self.updated_at

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def state_label(self) -> str:
        """The state as editors think of it: a future publish time is "Scheduled"."""
        return "Scheduled" if self.is_scheduled else self.get_status_display()

    @property
    def under_embargo(self) -> bool:
        return self.embargo_until is not None and self.embargo_until > timezone.now()
