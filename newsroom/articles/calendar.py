"""The editors' calendar: scheduled and published pieces by week or day in
Japan time, filtered by section and byline, with approved pieces waiting for a
time beside it. Editors (re)schedule from it through ``article_transition``;
nothing here moves an article by itself.
"""

from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from series.models import JAPAN

from . import services
from .models import Article, Author, Section

Status = Article.Status
#: The calendar's earliest and latest days, so no address overflows a date.
FIRST_DAY, LAST_DAY = date(1970, 1, 1), date(9000, 12, 31)
TIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class CalendarFilterForm(forms.Form):
    """What the calendar shows: a week or a day, and whose pieces in which section."""

    view = forms.ChoiceField(
        choices=[("week", "Week"), ("day", "Day")], required=False, label="Show"
    )
    date = forms.DateField(
        required=False, label="Date", widget=forms.DateInput(attrs={"type": "date"})
    )
    section = forms.ModelChoiceField(
        Section.objects.order_by("name"), required=False, empty_label="All sections"
    )
    person = forms.ModelChoiceField(
        Author.objects.order_by("name"),
        required=False,
        empty_label="Everyone",
        label="Byline",
    )

    def clean_date(self):
        day = self.cleaned_data.get("date")
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise ValidationError("Choose a date between 1970 and 9000.")
        return day


class ScheduleForm(forms.Form):
    """A new publish time for one piece, typed in Japan time."""

    article = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    at = forms.DateTimeField(input_formats=TIME_FORMATS, label="Publish at (JST)")


def japan_day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=JAPAN)


def _choices(form: CalendarFilterForm) -> dict:
    """The valid filters (an invalid one is ignored, and said so on the page)."""
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.now().astimezone(JAPAN).date()
    return {
        "view": data.get("view") or "week",
        "date": data.get("date") or today,
        "section": data.get("section"),
        "person": data.get("person"),
        "today": today,
    }


def calendar_address(choices: dict, **changes) -> str:
    """The calendar's address with ``choices`` (and ``changes``) as its query."""
    merged = {**choices, **changes}
    query = {"view": merged["view"], "date": merged["date"].isoformat()}
    for name in ("section", "person"):
        if merged.get(name) is not None:
            query[name] = merged[name].pk
    return reverse("admin:newsroom_article_calendar") + "?" + urlencode(query)


def _filtered(articles, choices):
    if choices["section"] is not None:
        articles = articles.filter(section=choices["section"])
    if choices["person"] is not None:
        articles = articles.filter(authors=choices["person"])
    return articles


def calendar_context(*, user, choices: dict) -> dict:
    """Everything the calendar template shows, prepared (no query per piece)."""
    now = timezone.now()
    editor = services.is_editor(user)
    if choices["view"] == "day":
        first, length, step = choices["date"], 1, timedelta(days=1)
    else:
        first = choices["date"] - timedelta(days=choices["date"].weekday())
        length, step = 7, timedelta(days=7)
    days = [first + timedelta(days=n) for n in range(length)]
    base = Article.objects.select_related("section").prefetch_related("authors")
    dated = _filtered(
        base.filter(
            status=Status.PUBLISHED,
            publish_at__gte=japan_day_start(days[0]),
            publish_at__lt=japan_day_start(days[-1] + timedelta(days=1)),
        ),
        choices,
    ).order_by("publish_at", "pk")
    by_day = {day: [] for day in days}
    for article in dated:
        local = article.publish_at.astimezone(JAPAN)
        scheduled = article.publish_at > now
        by_day[local.date()].append(
            _piece(article, local, scheduled=scheduled, movable=editor and scheduled)
        )
    ready = _filtered(base.filter(status=Status.APPROVED), choices).order_by(
        "updated_at", "pk"
    )
    return {
        "days": [{"date": day, "pieces": by_day[day]} for day in days],
        "ready": [_piece(a, None, scheduled=False, movable=editor) for a in ready],
        "can_schedule": editor,
        "range_start": days[0],
        "range_end": days[-1],
        "previous_url": calendar_address(choices, date=choices["date"] - step),
        "next_url": calendar_address(choices, date=choices["date"] + step),
        "today_url": calendar_address(choices, date=choices["today"]),
        "week_url": calendar_address(choices, view="week"),
        "day_url": calendar_address(choices, view="day"),
        "choices": choices,
        "time_zone": JAPAN,
    }


def _piece(article: Article, local: datetime | None, *, scheduled, movable) -> dict:
    return {
        "article": article,
        "local": local,
        "state": "scheduled" if scheduled else "published" if local else "approved",
        "bylines": ", ".join(author.name for author in article.authors.all()),
        "movable": movable,
        "time_value": f"{local:%Y-%m-%dT%H:%M}" if local else "",
    }


def calendar_view(request, *, model_admin):
    """The calendar (GET), or a new time for one piece (POST, editors only)."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    form = CalendarFilterForm(request.GET or None)
    choices = _choices(form)
    if request.method == "POST":
        return _schedule(request, model_admin, choices)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "title": "Calendar",
        "filter_form": form,
        **calendar_context(user=request.user, choices=choices),
    }
    return TemplateResponse(request, "admin/newsroom/article/calendar.html", context)


def _schedule(request, model_admin, choices):
    """(Re)schedule one piece through the workflow service; every refusal is a
    message on the calendar, and nothing changes."""
    if not services.is_editor(request.user):
        raise PermissionDenied
    with timezone.override(JAPAN):
        form = ScheduleForm(request.POST)
        valid = form.is_valid()
    back = calendar_address(choices)
    if not valid:
        model_admin.message_user(
            request, "Enter the time as YYYY-MM-DD HH:MM (Japan time).", messages.ERROR
        )
        return HttpResponseRedirect(back)
    article = get_object_or_404(Article, pk=form.cleaned_data["article"])
    try:
        article = services.article_transition(
            article=article,
            user=request.user,
            action="schedule",
            at=form.cleaned_data["at"],
        )
    except (PermissionDenied, ValidationError) as error:
        text = " ".join(getattr(error, "messages", [str(error)]))
        model_admin.message_user(request, f"“{article}”: {text}", messages.ERROR)
        return HttpResponseRedirect(back)
    local = article.publish_at.astimezone(JAPAN)
    model_admin.message_user(
        request,
        f"“{article}” is scheduled for {local:%a %d %b %Y, %H:%M} JST.",
        messages.SUCCESS,
    )
    return HttpResponseRedirect(calendar_address(choices, date=local.date()))
