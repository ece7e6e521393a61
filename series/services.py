"""Writes on the encyclopedia that touch many rows at once."""

import hashlib
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import get_text_list

from newsroom.kernel.audit.log import record
from newsroom.kernel.text import positive_int

from .models import JAPAN, Episode, Series

MAX_RUN = 200


@dataclass(frozen=True)
class EpisodeRule:
    """A run of episodes: one slot every ``interval`` from ``first_air_at``.

    ``skipped`` are Japan-time dates whose slot has no episode (the run moves
    on to the next slot); ``together`` are groups of consecutive numbers that
    share one slot, such as (13, 14) for a double episode.
    """

    first_air_at: datetime
    count: int
    first_number: int = 1
    interval: timedelta = timedelta(days=7)
    streaming_offset: timedelta | None = None
    skipped: frozenset[date] = frozenset()
    together: tuple[tuple[int, ...], ...] = ()

    @property
    def numbers(self) -> range:
        return range(self.first_number, self.first_number + self.count)


@dataclass(frozen=True)
class PlannedEpisode:
    number: int
    air_at: datetime
    streaming_at: datetime | None
    shares_slot: bool = False
    after_skip: bool = False

    @property
    def air_at_japan(self) -> datetime:
        return self.air_at.astimezone(JAPAN)

    @property
    def streaming_at_japan(self) -> datetime | None:
        return self.streaming_at.astimezone(JAPAN) if self.streaming_at else None


@dataclass
class EpisodePlan:
    """The episodes a rule makes, and which of them a series already has."""

    episodes: list[PlannedEpisode]
    existing: list[int] = field(default_factory=list)

    @property
    def digest(self) -> str:
        """A short fingerprint, so a save can tell it saves what was previewed."""
        rows = ";".join(
            f"{e.number}@{e.air_at.isoformat()}@{e.streaming_at}" for e in self.episodes
        )
        return hashlib.sha256(rows.encode()).hexdigest()[:16]


def episode_run_plan(rule: EpisodeRule) -> list[PlannedEpisode]:
    """The episodes ``rule`` gives, in order; ValidationError (by form field)
    for a skipped date or a double episode the run never reaches."""
    errors = {}
    if not 1 <= rule.count <= MAX_RUN:
        errors["count"] = f"Make between 1 and {MAX_RUN} episodes at a time."
    if rule.interval < timedelta(days=1):
        errors["interval_days"] = "Episodes must be at least a day apart."
    if errors:
        raise ValidationError(errors)

    groups: dict[int, tuple[int, ...]] = {}
    for group in rule.together:
        if any(number not in rule.numbers for number in group):
            errors["double_episodes"] = (
                f"{'+'.join(map(str, group))} is outside this run "
                f"(episodes {rule.numbers[0]}–{rule.numbers[-1]})."
            )
        for number in group:
            if number in groups:
                errors["double_episodes"] = f"Episode {number} is in two doubles."
            groups[number] = group
    if errors:
        raise ValidationError(errors)

    start = rule.first_air_at.astimezone(JAPAN)
    planned: list[PlannedEpisode] = []
    used_skips: set[date] = set()
    number, slot, skipped_last = rule.first_number, 0, False
    while number < rule.first_number + rule.count:
        air_at = start + rule.interval * slot
        slot += 1
        if air_at.date() in rule.skipped:
            used_skips.add(air_at.date())
            skipped_last = True
            continue
        group = groups.get(number, (number,))
        streaming_at = (
            air_at + rule.streaming_offset
            if rule.streaming_offset is not None
            else None
        )
        for member in group:
            planned.append(
                PlannedEpisode(
                    number=member,
                    air_at=air_at,
                    streaming_at=streaming_at,
                    shares_slot=len(group) > 1,
                    after_skip=skipped_last,
                )
            )
        number += len(group)
        skipped_last = False
    stray = sorted(rule.skipped - used_skips)
    if stray:
        raise ValidationError(
            {
                "skipped_dates": "No episode of this run falls on "
                + get_text_list([day.isoformat() for day in stray], "or")
                + " (Japan time)."
            }
        )
    return planned


def episode_plan(*, series: Series, rule: EpisodeRule) -> EpisodePlan:
    """The rule's episodes, with the numbers ``series`` already has."""
    episodes = episode_run_plan(rule)
    existing = sorted(
        series.episodes.filter(number__in=[e.number for e in episodes]).values_list(
            "number", flat=True
        )
    )
    return EpisodePlan(episodes=episodes, existing=existing)


def numbers_label(numbers: Sequence[int]) -> str:
    """“1–3, 7 and 9”: consecutive numbers joined into ranges."""
    spans: list[list[int]] = []
    for number in sorted(numbers):
        if spans and number == spans[-1][-1] + 1:
            spans[-1].append(number)
        else:
            spans.append([number])
    parts = [
        f"{span[0]}–{span[-1]}" if len(span) > 1 else str(span[0]) for span in spans
    ]
    return get_text_list(parts, "and")


def episodes_generate(
    *, series: Series, user, rule: EpisodeRule, replace: bool = False
) -> EpisodePlan:
    """Create the run of episodes ``rule`` describes on ``series``.

    Numbers the series already has are refused unless ``replace`` is given;
    then only their times change (titles stay). One transaction, audited.
    """
    if not user.has_perm("series.add_episode"):
        raise PermissionDenied("You may not add episodes.")
    with transaction.atomic():
        # One run at a time per series, so two editors cannot both add "13".
        series = Series.objects.select_for_update().get(pk=series.pk)
        plan = episode_plan(series=series, rule=rule)
        if plan.existing and not replace:
            plural = "s" if len(plan.existing) > 1 else ""
            raise ValidationError(
                f"This series already has episode{plural}"
                f" {numbers_label(plan.existing)}. Choose “Replace the times of "
                "existing episodes”, or start the run after them."
            )
        if plan.existing and not user.has_perm("series.change_episode"):
            raise PermissionDenied("You may not change existing episodes.")
        current = {
            episode.number: episode
            for episode in series.episodes.filter(number__in=plan.existing)
        }
        new, changed = [], []
        for planned in plan.episodes:
            episode = current.get(planned.number) or Episode(
                series=series, number=planned.number
            )
            episode.air_at, episode.streaming_at = planned.air_at, planned.streaming_at
            (changed if episode.pk else new).append(episode)
        Episode.objects.bulk_create(new)
        Episode.objects.bulk_update(changed, ["air_at", "streaming_at"])
        series.save(update_fields=["updated_at"])
        record(
            user=user,
            action="episodes_generate",
            obj=series,
            detail=describe_rule(rule, plan),
        )
    return plan


def describe_rule(rule: EpisodeRule, plan: EpisodePlan) -> str:
    start = rule.first_air_at.astimezone(JAPAN)
    parts = [
        f"Episodes {numbers_label([e.number for e in plan.episodes])} "
        f"every {rule.interval.days} days from {start:%Y-%m-%d %H:%M} JST"
    ]
    if rule.skipped:
        days = sorted(day.isoformat() for day in rule.skipped)
        parts.append(f"skipping {get_text_list(days, 'and')}")
    if rule.together:
        doubles = ["+".join(map(str, group)) for group in rule.together]
        parts.append(f"together: {', '.join(doubles)}")
    if plan.existing:
        parts.append(f"times replaced for {numbers_label(plan.existing)}")
    return "; ".join(parts) + "."


def parse_together(entries: Iterable[str]) -> tuple[tuple[int, ...], ...]:
    """("13+14", "25+26") -> ((13, 14), (25, 26)); ValueError if malformed."""
    groups = []
    for entry in entries:
        numbers = tuple(positive_int(part.strip()) for part in entry.split("+"))
        if (
            None in numbers
            or len(numbers) < 2
            or any(
                later != earlier + 1 for earlier, later in itertools.pairwise(numbers)
            )
        ):
            raise ValueError(entry)
        groups.append(numbers)
    return tuple(sorted(groups))
