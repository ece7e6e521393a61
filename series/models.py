"""The anime encyclopedia: series, studios, people and their credits."""

from django.db import models
from django.db.models import Q
from taggit.managers import TaggableManager


class Studio(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=140, unique=True)
    native_name = models.CharField(max_length=120, blank=True)
    aliases = models.TextField(
        blank=True,
        help_text="Other spellings, one per line (e.g. “BONES”), so search finds it.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Series(models.Model):
    """One anime title: a TV series, film, OVA or ONA."""

    class Format(models.TextChoices):
        TV = "tv", "TV series"
        FILM = "film", "Film"
        OVA = "ova", "OVA"
        ONA = "ona", "ONA"
        SPECIAL = "special", "Special"

    class Source(models.TextChoices):
        ORIGINAL = "original", "Original"
        MANGA = "manga", "Manga"
        LIGHT_NOVEL = "light_novel", "Light novel"
        NOVEL = "novel", "Novel"
        GAME = "game", "Game"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        ANNOUNCED = "announced", "Announced"
        AIRING = "airing", "Airing"
        FINISHED = "finished", "Finished"
        CANCELLED = "cancelled", "Cancelled"

    title = models.CharField("English title", max_length=200)
    title_japanese = models.CharField("Japanese title", max_length=200, blank=True)
    title_romaji = models.CharField("romaji title", max_length=200, blank=True)
    aliases = models.TextField(
        blank=True,
        help_text="Other titles and known misspellings, one per line, so search "
        "and the style checker catch them.",
    )
    slug = models.SlugField(max_length=200, unique=True)
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.TV)
    source = models.CharField(
        max_length=12, choices=Source.choices, default=Source.ORIGINAL
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.ANNOUNCED
    )
    premiere_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    episode_count = models.PositiveSmallIntegerField(null=True, blank=True)
    synopsis = models.TextField(blank=True)
    studios = models.ManyToManyField(Studio, related_name="series", blank=True)
    tags = TaggableManager(blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(premiere_date__isnull=True)
                | Q(end_date__gte=models.F("premiere_date")),
                name="series_end_not_before_premiere",
            )
        ]

    def __str__(self):
        return self.title


class Person(models.Model):
    """Someone credited on a series: staff or voice cast."""

    name = models.CharField(max_length=120)
    native_name = models.CharField(max_length=120, blank=True)
    slug = models.SlugField(max_length=140, unique=True)
    bio = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name


class Role(models.Model):
    """A staff role such as director or character design, in display order."""

    class Department(models.TextChoices):
        DIRECTION = "direction", "Direction"
        WRITING = "writing", "Writing"
        ART = "art", "Art and design"
        MUSIC = "music", "Music"
        PRODUCTION = "production", "Production"

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    department = models.CharField(max_length=12, choices=Department.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Credit(models.Model):
    """A staff credit: a person in a role on a series."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="credits")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["role__position", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "person", "role"], name="credit_unique_per_role"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.role} ({self.series})"


class CastCredit(models.Model):
    """A voice performance: an actor as a character, in one language."""

    class Language(models.TextChoices):
        JAPANESE = "ja", "Japanese"
        ENGLISH = "en", "English"

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="cast")
    character = models.CharField(max_length=120)
    character_note = models.CharField(max_length=200, blank=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cast")
    language = models.CharField(
        max_length=5, choices=Language.choices, default=Language.JAPANESE
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["language", "position", "character"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "character", "person", "language"],
                name="cast_unique_performance",
            )
        ]

    def __str__(self):
        return f"{self.character}: {self.person}"
