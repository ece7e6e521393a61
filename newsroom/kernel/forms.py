"""Admin form pieces shared across the apps: clean text and the tag box."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.urls import reverse

from .text import without_control_characters

MAX_TAG_LENGTH = 100


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's own date-and-time box: one input, no shortcuts and no
    "you are N hours behind server time" note under it (the label names the
    time zone once instead)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class NativeDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class NativeTimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class EditorTextForm(forms.ModelForm):
    """Base of the admin's forms: whatever is typed or pasted into a text
    field is saved without invisible control characters."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                field = self.fields.get(name)
                multi_line = field is not None and isinstance(
                    field.widget, forms.Textarea
                )
                cleaned[name] = without_control_characters(
                    value, single_line=not multi_line
                )
        return cleaned


class TagAutocompleteWidget(AutocompleteSelectMultiple):
    """Select2 box that suggests existing tags and lets editors type new ones.

    Options carry tag names, not ids, so a new tag and an existing one look
    the same to the form and nothing typed is lost on a re-displayed form.
    """

    def __init__(self, field, admin_site, attrs=None):
        attrs = {"data-tags": "true", "data-token-separators": '[","]'} | (attrs or {})
        super().__init__(field, admin_site, attrs=attrs)

    def get_url(self):
        return reverse("admin:newsroom_tag_autocomplete")

    @property
    def media(self):
        return super().media + forms.Media(js=["admin/tag-box.js"])

    def optgroups(self, name, value, attrs=None):
        options = [
            self.create_option(name, tag, tag, True, index)
            for index, tag in enumerate(value)
            if tag
        ]
        return [(None, options, 0)]


class TagNamesField(forms.Field):
    """A list of tag names, typed or picked; saved through TaggableManager."""

    def __init__(self, *, widget, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            "Start typing to pick a tag, or type a new one and press Enter.",
        )
        super().__init__(widget=widget, **kwargs)

    def prepare_value(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return [getattr(tag, "name", tag) for tag in value]

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        names, seen = [], set()
        for raw in value:
            name = " ".join(without_control_characters(str(raw)).split())
            if not name or name.casefold() in seen:
                continue
            if len(name) > MAX_TAG_LENGTH:
                raise ValidationError(
                    f"Tags can be at most {MAX_TAG_LENGTH} characters: “{name[:30]}…”"
                )
            seen.add(name.casefold())
            names.append(name)
        return names


def tag_field(model) -> TagNamesField:
    """The admin's tag box for any model with a ``tags`` TaggableManager."""
    return TagNamesField(
        widget=TagAutocompleteWidget(model._meta.get_field("tags"), admin.site)
    )
