"""The anime encyclopedia: series, studios, people, credits and schedules."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from taggit.managers import TaggableManager

from newsroom.kernel.slugs.models import RemembersOldSlugs

JAPAN = ZoneInfo("Asia/Tokyo")
http_url = URLValidator(schemes=["http", "https"])


class Season(models.TextChoices):
    """Anime seasons by premiere month: Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec."""

    WINTER = "winter", "Winter"
    SPRING = "spring", "Spring"
    SUMMER = "summer", "Summer"
    FALL = "fall", "Fall"

    @classmethod
    def of(cls, day: date) -> "Season":
        return list(cls)[(day.month - 1) // 3]

    @classmethod
    def first_month(cls, season: str) -> int:
        return [member.value for member in cls].index(season) * 3 + 1


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Studio(models.Model):
    """An animation studio, with the spellings coverage has used for it."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=140, unique=True)
    native_name = models.CharField(max_length=120, blank=True)
    aliases = models.TextField(
        blank=True,
        help_text="Other spellings, one per line (e.g. “BONES”), so search finds it.",
    )
    founded = models.PositiveSmallIntegerField(null=True, blank=True)
    website = models.URLField(blank=True, validators=[http_url])
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("series:studio-detail", kwargs={"slug": self.slug})


class SeriesQuerySet(models.QuerySet):
    def in_season(self, season: str, year: int):
        return self.filter(season=season, season_year=year)

    def for_cards(self):
        """What a series card or chart row shows, in a fixed number of queries."""
        return self.prefetch_related("studio_roles__studio", "watch_options")


class Series(RemembersOldSlugs):
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
        "other titles",
        blank=True,
        help_text="Other official or common titles, one per line. Shown on the "
        "series page and used by search.",
    )
    misspellings = models.TextField(
        blank=True,
        help_text="Wrong spellings seen in coverage (e.g. “Metallic Rogue”), one "
        "per line. Used by search and checks, never shown to readers.",
    )
    slug = models.SlugField(max_length=200, unique=True)
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.TV)
    source = models.CharField(
        max_length=12, choices=Source.choices, default=Source.ORIGINAL
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.ANNOUNCED
    )
    premiere_date = models.DateField(
        null=True, blank=True, help_text="First broadcast or release in Japan."
    )
    end_date = models.DateField(null=True, blank=True)
    episode_count = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Planned or final number of episodes."
    )
    synopsis = models.TextField(blank=True)
    key_art = models.ForeignKey(
        "media.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="From the media library; its credit line is shown with it.",
    )
    key_art_alt = models.CharField(
        "key art alt text",
        max_length=250,
        blank=True,
        help_text="Only if this page needs a different description of the image.",
    )
    studios = models.ManyToManyField(
        Studio, through="SeriesStudio", related_name="series", blank=True
    )
    related = models.ManyToManyField(
        "self",
        through="RelatedSeries",
        symmetrical=False,
        related_name="+",
        blank=True,
    )
    tags = TaggableManager(blank=True)
    # Filled from premiere_date on save; stored so charts and filters use an index.
    season = models.CharField(
        max_length=6, choices=Season.choices, blank=True, editable=False
    )
    season_year = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"
        indexes = [models.Index(fields=["season_year", "season"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(premiere_date__isnull=True)
                | Q(end_date__gte=F("premiere_date")),
                name="series_end_not_before_premiere",
                violation_error_message="The end date cannot be before the premiere.",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        field = self._meta.get_field("premiere_date")
        self.premiere_date = field.to_python(self.premiere_date)
        if self.premiere_date:
            self.season = Season.of(self.premiere_date)
            self.season_year = self.premiere_date.year
        else:
            self.season, self.season_year = "", None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "premiere_date" in update_fields:
            kwargs["update_fields"] = {*update_fields, "season", "season_year"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("series:series-detail", kwargs={"slug": self.slug})

    @property
    def season_label(self) -> str:
        if not self.season:
            return ""
        return f"{Season(self.season).label} {self.season_year}"

    @property
    def season_slug(self) -> str:
        return f"{self.season}-{self.season_year}" if self.season else ""

    @property
    def alias_list(self) -> list[str]:
        return lines(self.aliases)


class SeriesStudio(models.Model):
    """A studio's part in a series (most often animation production)."""

    class Role(models.TextChoices):
        ANIMATION = "animation", "Animation production"
        CO_PRODUCTION = "co_production", "Animation co-production"
        PRODUCTION = "production", "Production"
        ASSISTANCE = "assistance", "Production assistance"

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="studio_roles"
    )
    studio = models.ForeignKey(
        Studio, on_delete=models.PROTECT, related_name="series_roles"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.ANIMATION)

    class Meta:
        ordering = ["role", "studio__name"]
        verbose_name = "studio"
        constraints = [
            models.UniqueConstraint(
                fields=["series", "studio", "role"],
                name="series_studio_unique_role",
                violation_error_message="This studio already has that role here.",
            )
        ]

    def __str__(self):
        return f"{self.studio} ({self.get_role_display()})"


class Episode(models.Model):
    """One episode, with its Japanese broadcast time and streaming release."""

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="episodes"
    )
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200, blank=True)
    title_japanese = models.CharField(max_length=200, blank=True)
    air_at = models.DateTimeField(
        "broadcast in Japan",
        null=True,
        blank=True,
        help_text="Entered and shown in Japan time (JST).",
    )
    streaming_at = models.DateTimeField(
        "streaming release",
        null=True,
        blank=True,
        help_text="When the episode goes up for streaming, in Japan time (JST).",
    )

    class Meta:
        ordering = ["series", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"],
                name="episode_unique_number",
                violation_error_message="This series already has an episode with "
                "that number.",
            )
        ]

    def __str__(self):
        label = f"Episode {self.number}"
        return f"{label}: {self.title}" if self.title else label

    @property
    def air_at_japan(self):
        return self.air_at.astimezone(JAPAN) if self.air_at else None


class Person(RemembersOldSlugs):
    """Someone credited on a series: staff or voice cast."""

    name = models.CharField(max_length=120)
    native_name = models.CharField(max_length=120, blank=True)
    slug = models.SlugField(max_length=140, unique=True)
    aliases = models.TextField(
        blank=True, help_text="Other spellings of the name, one per line."
    )
    photo = models.ForeignKey(
        "media.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("series:person-detail", kwargs={"slug": self.slug})


class Role(models.Model):
    """A staff role such as director or character design, in display order."""

    class Department(models.TextChoices):
        DIRECTION = "direction", "Direction"
        WRITING = "writing", "Writing"
        ART = "art", "Art and design"
        ANIMATION = "animation", "Animation"
        MUSIC = "music", "Music"
        SOUND = "sound", "Sound"
        PRODUCTION = "production", "Production"
        OTHER = "other", "Other"

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    department = models.CharField(max_length=12, choices=Department.choices)
    position = models.PositiveSmallIntegerField(
        default=100, help_text="Lower numbers are listed first in their department."
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def department_position(self) -> int:
        return list(self.Department.values).index(self.department)


class Credit(models.Model):
    """A staff credit: a person in a role, on a whole series or some episodes."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="credits")
    episode_from = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty for the whole series."
    )
    episode_to = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Last episode of the range; empty for one."
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["role__position", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "person", "role"],
                condition=Q(episode_from__isnull=True),
                name="credit_unique_whole_series",
                violation_error_message="This person already has this role on "
                "the series.",
            ),
            models.UniqueConstraint(
                fields=["series", "person", "role", "episode_from", "episode_to"],
                condition=Q(episode_from__isnull=False),
                name="credit_unique_episodes",
                violation_error_message="This credit is already listed.",
            ),
            models.CheckConstraint(
                condition=Q(episode_to__isnull=True)
                | Q(episode_from__isnull=False, episode_to__gte=F("episode_from")),
                name="credit_episode_range_in_order",
                violation_error_message="The episode range must run forwards.",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.role} ({self.series})"

    def clean(self):
        if self.episode_to is not None and self.episode_from is None:
            raise ValidationError(
                {"episode_from": "Give the first episode of the range."}
            )
        if self.episode_from is None:
            return
        if self.episode_to is not None and self.episode_to < self.episode_from:
            raise ValidationError(
                {"episode_to": "The last episode comes before the first."}
            )
        series = getattr(self, "series", None)
        count = getattr(series, "episode_count", None)
        last = self.episode_to or self.episode_from
        if count and (self.episode_from < 1 or last > count):
            raise ValidationError(
                f"Episodes {self.episode_label} are outside this series, which "
                f"has {count} episodes."
            )

    @property
    def episode_label(self) -> str:
        if self.episode_from is None:
            return ""
        if self.episode_to and self.episode_to != self.episode_from:
            return f"{self.episode_from}–{self.episode_to}"
        return str(self.episode_from)


class CastCredit(models.Model):
    """A voice performance: an actor as a character, in one language."""

    class Language(models.TextChoices):
        JAPANESE = "ja", "Japanese"
        ENGLISH = "en", "English"
        SPANISH = "es", "Spanish"
        PORTUGUESE = "pt", "Portuguese"
        FRENCH = "fr", "French"
        GERMAN = "de", "German"
        ITALIAN = "it", "Italian"

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="cast")
    character = models.CharField(max_length=120)
    character_note = models.CharField(
        max_length=200, blank=True, help_text="One line about the character."
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cast")
    language = models.CharField(
        max_length=5, choices=Language.choices, default=Language.JAPANESE
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Main characters first: lower numbers come first."
    )

    class Meta:
        ordering = ["position", "character", "language"]
        verbose_name = "cast entry"
        verbose_name_plural = "voice cast"
        constraints = [
            models.UniqueConstraint(
                fields=["series", "character", "person", "language"],
                name="cast_unique_performance",
                violation_error_message="This performance is already listed.",
            )
        ]

    def __str__(self):
        return f"{self.character}: {self.person}"


class WatchOption(models.Model):
    """Where readers can watch a series legally."""

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="watch_options"
    )
    platform = models.CharField(max_length=80, help_text="e.g. Crunchyroll.")
    region = models.CharField(
        max_length=120, help_text="e.g. “Worldwide except Asia” or “Japan”."
    )
    url = models.URLField("address", max_length=500, validators=[http_url])
    subtitled = models.BooleanField(default=True)
    dubbed = models.BooleanField(default=False)
    schedule = models.CharField(
        max_length=120, blank=True, help_text="e.g. “New episodes on Wednesdays”."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "platform"]
        verbose_name = "where to watch"
        verbose_name_plural = "where to watch"

    def __str__(self):
        return f"{self.platform} ({self.region})"

    @property
    def audio_label(self) -> str:
        return " and ".join(
            label
            for flag, label in ((self.subtitled, "subtitled"), (self.dubbed, "dubbed"))
            if flag
        )


class BroadcastSlot(models.Model):
    """A regular TV slot in Japan, stored in Japan time."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="broadcasts"
    )
    channel = models.CharField(max_length=80, help_text="e.g. Fuji TV.")
    block = models.CharField(
        "programming block", max_length=80, blank=True, help_text="e.g. +Ultra."
    )
    weekday = models.PositiveSmallIntegerField(
        choices=Weekday.choices,
        help_text="The calendar day in Japan: a 24:55 slot after Wednesday is "
        "Thursday 00:55.",
    )
    start_time = models.TimeField(help_text="Japan time (JST).")
    first_broadcast = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["weekday", "start_time"]

    def __str__(self):
        return f"{self.channel} {self.block}".strip()

    @property
    def late_night(self) -> bool:
        """Slots before 05:00 belong, by broadcasters' custom, to the night before."""
        return self.start_time.hour < 5

    @property
    def japan_label(self) -> str:
        """The slot as Japanese listings print it: "Wednesdays 24:55"."""
        if self.late_night:
            day = self.Weekday((self.weekday - 1) % 7).label
            hour = self.start_time.hour + 24
        else:
            day, hour = self.Weekday(self.weekday).label, self.start_time.hour
        return f"{day}s {hour:02d}:{self.start_time.minute:02d} JST"

    def next_after(self, moment: datetime) -> datetime:
        """The first airing at or after ``moment``, as an aware Japan-time datetime."""
        local = moment.astimezone(JAPAN)
        days_ahead = (self.weekday - local.weekday()) % 7
        candidate = datetime.combine(
            local.date() + timedelta(days=days_ahead), self.start_time, tzinfo=JAPAN
        )
        if candidate < local:
            candidate += timedelta(days=7)
        return candidate


class RelatedSeries(models.Model):
    """A link between two series: sequel, prequel, same franchise..."""

    class Relation(models.TextChoices):
        SEQUEL = "sequel", "Sequel"
        PREQUEL = "prequel", "Prequel"
        SPIN_OFF = "spin_off", "Spin-off"
        SIDE_STORY = "side_story", "Side story"
        REMAKE = "remake", "Remake"
        FRANCHISE = "franchise", "Same franchise"
        STUDIO = "studio", "Also by the studio"

    INVERSE = {
        "sequel": "prequel",
        "prequel": "sequel",
        "spin_off": "franchise",
        "side_story": "franchise",
        "remake": "remake",
        "franchise": "franchise",
        "studio": "studio",
    }

    from_series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="relations_out"
    )
    to_series = models.ForeignKey(
        Series,
        on_delete=models.CASCADE,
        related_name="relations_in",
        verbose_name="related series",
    )
    relation = models.CharField(max_length=12, choices=Relation.choices)

    class Meta:
        verbose_name = "related series"
        verbose_name_plural = "related series"
        constraints = [
            models.UniqueConstraint(
                fields=["from_series", "to_series"],
                name="related_series_once",
                violation_error_message="These series are already linked.",
            ),
            models.CheckConstraint(
                condition=~Q(from_series=F("to_series")),
                name="related_series_not_self",
                violation_error_message="A series cannot be related to itself.",
            ),
        ]

    def __str__(self):
        return f"{self.from_series} → {self.to_series} ({self.get_relation_display()})"


class ExternalID(models.Model):
    """The series' entry on an outside database, linked from its page."""

    class Site(models.TextChoices):
        ANILIST = "anilist", "AniList"
        MYANIMELIST = "mal", "MyAnimeList"
        ANN = "ann", "Anime News Network"

    URLS = {
        "anilist": "https://anilist.co/anime/{}/",
        "mal": "https://myanimelist.net/anime/{}/",
        "ann": "https://www.animenewsnetwork.com/encyclopedia/anime.php?id={}",
    }

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="external_ids"
    )
    site = models.CharField(max_length=10, choices=Site.choices)
    value = models.CharField(
        "ID",
        max_length=20,
        help_text="The number in the site's address for this series.",
    )

    class Meta:
        ordering = ["site"]
        verbose_name = "external ID"
        constraints = [
            models.UniqueConstraint(
                fields=["series", "site"],
                name="external_id_once_per_site",
                violation_error_message="This series already has an ID for that site.",
            )
        ]

    def __str__(self):
        return f"{self.get_site_display()} {self.value}"

    def clean(self):
        if not self.value.isdigit():
            raise ValidationError({"value": "IDs on these sites are numbers."})

    @property
    def url(self) -> str:
        return self.URLS[self.site].format(self.value)
