"""What makes an article a review: the score, the verdict and what was reviewed."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from newsroom.articles.models import Article

SCALE_MIN = Decimal("0")
SCALE_MAX = Decimal("10")
SCALE_STEP = Decimal("0.5")
STARS = 5


class ReviewQuerySet(models.QuerySet):
    def live(self):
        """Reviews of live articles, with a score: what readers may see and count."""
        return self.filter(article__in=Article.objects.live(), score__isnull=False)


class Review(models.Model):
    """The review part of a review article."""

    class Type(models.TextChoices):
        FIRST_IMPRESSIONS = "first", "First impressions"
        EPISODE = "episode", "Episode review"
        SEASON = "season", "Season review"
        FINAL = "final", "Full-series review"

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="review"
    )
    review_type = models.CharField(
        "review type", max_length=10, choices=Type.choices, default=Type.FINAL
    )
    score = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
        help_text="0 to 10 in half points. Required before publishing.",
    )
    verdict = models.CharField(
        max_length=300, blank=True, help_text="The review in one sentence."
    )
    pros = models.TextField(blank=True, help_text="One per line.")
    cons = models.TextField(blank=True, help_text="One per line.")
    series = models.ForeignKey(
        "series.Series",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
        help_text="What was reviewed. Required before publishing.",
    )
    season_number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For a season review: which season."
    )
    episode_from = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For an episode review: the episode."
    )
    episode_to = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="For a range (e.g. first impressions of 1–4): the last episode.",
    )
    reviewed_from = models.CharField(
        "reviewed from",
        max_length=300,
        blank=True,
        help_text="Disclosure shown to readers, e.g. “Screeners of episodes 1–4 "
        "provided by the distributor”.",
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True)
                | Q(score__gte=SCALE_MIN, score__lte=SCALE_MAX),
                name="review_score_on_scale",
            ),
            models.CheckConstraint(
                condition=Q(episode_to__isnull=True)
                | Q(episode_from__isnull=False, episode_to__gte=F("episode_from")),
                name="review_episode_range_in_order",
                violation_error_message="The episode range must run forwards.",
            ),
        ]

    def __str__(self):
        return f"Review: {self.article}"

    def clean(self):
        errors = {}
        if self.score is not None and (self.score % SCALE_STEP) != 0:
            errors["score"] = "Scores go in half points: 7, 7.5, 8…"
        if self.episode_to is not None and self.episode_from is None:
            errors["episode_from"] = "Give the first episode of the range."
        elif (
            self.episode_to is not None
            and self.episode_from is not None
            and self.episode_to < self.episode_from
        ):
            errors["episode_to"] = "The last episode comes before the first."
        count = self.series.episode_count if self.series_id else None
        last = self.episode_to or self.episode_from
        if count and last and last > count:
            errors["episode_to" if self.episode_to else "episode_from"] = (
                f"{self.series} has {count} episodes."
            )
        if self.season_number and self.episode_from:
            errors["season_number"] = "Review a season or episodes, not both."
        errors.update(self._clean_scope())
        if errors:
            raise ValidationError(errors)

    def _clean_scope(self) -> dict[str, str]:
        """What was reviewed must fit the review's type and the series."""
        errors = {}
        kind = self.get_review_type_display().lower()
        if self.review_type == self.Type.FINAL:
            if self.episode_from or self.episode_to:
                errors["episode_from"] = (
                    "A full-series review covers every episode: clear the "
                    "episode numbers, or choose “Episode review” or “First "
                    "impressions”."
                )
            if self.season_number:
                errors["season_number"] = (
                    "A full-series review covers the whole series: clear the "
                    "season, or choose “Season review”."
                )
        elif self.review_type == self.Type.EPISODE and not self.episode_from:
            errors["episode_from"] = f"An {kind} needs the episode it reviews."
        elif self.review_type == self.Type.SEASON and not self.season_number:
            errors["season_number"] = f"A {kind} needs the season it reviews."
        if self.season_number and self.season_number > 1 and self.series_id:
            # A series record is one season; a later season is its own record,
            # linked to this one as a sequel.
            errors["season_number"] = (
                f"{self.series} is one season in the encyclopedia; a later "
                "season is a series record of its own (linked as a sequel): "
                "choose that series and season 1, or leave the season empty."
            )
        return errors

    @property
    def stars(self) -> list[str]:
        """Five stars as "full", "half" or "empty": 8/10 is four full stars."""
        if self.score is None:
            return []
        value = self.score / (SCALE_MAX / STARS)
        full = int(value)
        half = value - full >= Decimal("0.5")
        return ["full"] * full + ["half"] * half + ["empty"] * (STARS - full - half)

    @property
    def score_label(self) -> str:
        if self.score is None:
            return ""
        score = self.score.normalize()
        return f"{score:f}/{SCALE_MAX.normalize():f}"

    @property
    def pros_list(self) -> list[str]:
        return _lines(self.pros)

    @property
    def cons_list(self) -> list[str]:
        return _lines(self.cons)

    @property
    def item_kind(self) -> str:
        """schema.org type of what was reviewed."""
        if self.episode_from and (
            not self.episode_to or self.episode_to == self.episode_from
        ):
            return "TVEpisode"
        if self.season_number:
            return "TVSeason"
        return "TVSeries"

    @property
    def item_label(self) -> str:
        """What was reviewed, in words: "Metallic Rouge, episodes 1–4"."""
        if not self.series_id:
            return ""
        title = self.series.title
        if self.item_kind == "TVEpisode":
            return f"{title}, episode {self.episode_from}"
        if self.episode_from:
            return f"{title}, episodes {self.episode_from}–{self.episode_to}"
        if self.season_number:
            return f"{title}, season {self.season_number}"
        return title


def _lines(text: str) -> list[str]:
    return [
        line.strip(" -*•") for line in (text or "").splitlines() if line.strip(" -*•")
    ]
