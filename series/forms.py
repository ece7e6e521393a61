"""Admin forms of the encyclopedia: Japan-time inputs and episodes by rule."""

import re
from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from newsroom.kernel.forms import DateTimeLocalInput, NativeDateInput, NativeTimeInput

from .models import JAPAN, Series
from .services import MAX_RUN, EpisodeRule, episode_plan, parse_together


class JapanDateTimeField(forms.DateTimeField):
    """A moment typed and shown in Japan time, whoever types it and wherever
    the server is: listings, press releases and broadcasters all give JST."""

    widget = DateTimeLocalInput

    def prepare_value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            return value.astimezone(JAPAN)
        return value

    def to_python(self, value):
        with timezone.override(JAPAN):
            moment = super().to_python(value)
        # Far-off years overflow once shifted to UTC or run on by weeks.
        if moment and not 1900 <= moment.year <= 2200:
            raise ValidationError("Enter a time between the years 1900 and 2200.")
        return moment


#: ``formfield_overrides`` for admin pages whose times are Japan time: single
#: native inputs instead of Django's split boxes, whose shortcuts print a
#: "you are N hours behind server time" note under every one of them.
JAPAN_TIME_INPUTS = {
    models.DateTimeField: {
        "form_class": JapanDateTimeField,
        "widget": DateTimeLocalInput,
    },
    models.DateField: {"widget": NativeDateInput},
    models.TimeField: {"widget": NativeTimeInput},
}

_SEPARATORS = re.compile(r"[\s,;]+")


def tokens(text: str) -> list[str]:
    return [token for token in _SEPARATORS.split(text or "") if token]


class EpisodeRunForm(forms.Form):
    """A run of episodes described by its first broadcast and a rhythm."""

    first_air_at = JapanDateTimeField(
        label="First broadcast (JST)",
        help_text="Japan time of the first episode in this run. A late-night "
        "slot listed as Wednesday 24:55 is Thursday 00:55.",
    )
    interval_days = forms.IntegerField(
        label="Days between episodes",
        initial=7,
        min_value=1,
        max_value=31,
        help_text="7 for a weekly series.",
    )
    count = forms.IntegerField(
        label="Number of episodes",
        min_value=1,
        max_value=MAX_RUN,
        help_text=f"Up to {MAX_RUN} at a time.",
    )
    first_number = forms.IntegerField(
        label="First episode number", initial=1, min_value=0, max_value=9999
    )
    streaming_offset = forms.IntegerField(
        label="Streaming, minutes after broadcast",
        required=False,
        min_value=-10080,
        max_value=10080,
        help_text="Empty: no streaming time. 0: streams at broadcast time. "
        "A negative number streams before the broadcast.",
    )
    skipped_dates = forms.CharField(
        label="Skipped weeks",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 24}),
        help_text="Japan-time dates of slots with no episode (a sports special, "
        "a break), as YYYY-MM-DD, one per line. The run moves to the next slot.",
    )
    double_episodes = forms.CharField(
        label="Double episodes",
        required=False,
        help_text="Episodes aired together in one slot, e.g. 13+14; separate "
        "several with commas.",
    )
    replace = forms.BooleanField(
        label="Replace the times of existing episodes with these numbers",
        required=False,
        help_text="Their titles are kept. Without this, existing numbers stop "
        "the save.",
    )

    def __init__(self, *args, series: Series, **kwargs):
        super().__init__(*args, **kwargs)
        self.series = series
        self.rule: EpisodeRule | None = None
        self.plan = None

    def clean_skipped_dates(self):
        days = set()
        parse = forms.DateField()
        for token in tokens(self.cleaned_data["skipped_dates"]):
            try:
                days.add(parse.clean(token))
            except ValidationError:
                raise ValidationError(
                    "“%(token)s” is not a date: write it as YYYY-MM-DD.",
                    params={"token": token[:20]},
                ) from None
        return frozenset(days)

    def clean_double_episodes(self):
        entries = tokens(self.cleaned_data["double_episodes"])
        try:
            return parse_together(entries)
        except ValueError as error:
            raise ValidationError(
                "“%(entry)s” is not a double episode: write consecutive numbers "
                "joined by +, like 13+14.",
                params={"entry": str(error)[:20]},
            ) from None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        offset = cleaned.get("streaming_offset")
        self.rule = EpisodeRule(
            first_air_at=cleaned["first_air_at"],
            count=cleaned["count"],
            first_number=cleaned["first_number"],
            interval=timedelta(days=cleaned["interval_days"]),
            streaming_offset=None if offset is None else timedelta(minutes=offset),
            skipped=cleaned["skipped_dates"],
            together=cleaned["double_episodes"],
        )
        if cleaned["first_number"] + cleaned["count"] - 1 > 9999:
            raise ValidationError("Episode numbers stop at 9999.")
        try:
            self.plan = episode_plan(series=self.series, rule=self.rule)
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned
