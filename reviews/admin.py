import copy

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet

from newsroom.kernel.forms import EditorTextForm

from .models import Review


class ReviewFormSet(BaseInlineFormSet):
    #: Set on save when the article stopped being a review; the article admin
    #: shows it to the editor.
    removed_message = ""

    def _is_review(self) -> bool:
        return getattr(self.instance, "kind", None) == "review"

    def clean(self):
        super().clean()
        new_rows = any(
            form.has_changed() and form.instance.pk is None for form in self.forms
        )
        if new_rows and not self._is_review():
            raise ValidationError(
                "The score box only applies to reviews: set the kind to Review, "
                "or clear these fields."
            )

    def save(self, commit=True):
        if self._is_review():
            return super().save(commit=commit)
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        stored = Review.objects.filter(article=self.instance).first()
        if stored is not None:
            # The admin's history names what was deleted: a copy keeps the key.
            self.deleted_objects = [copy.copy(stored)]
            stored.delete()
            score = f" (score {stored.score_label})" if stored.score_label else ""
            self.removed_message = (
                f"The score box{score} was removed: a "
                f"{self.instance.get_kind_display().lower()} has no score."
            )
        return []


class ReviewInline(admin.StackedInline):
    """The score box, edited on the review article's own form."""

    model = Review
    form = EditorTextForm
    formset = ReviewFormSet
    # The arrows move the score in half points, the steps it is given in.
    formfield_overrides = {
        models.DecimalField: {"widget": forms.NumberInput(attrs={"step": "0.5"})}
    }
    extra = 1
    max_num = 1
    can_delete = False
    verbose_name = "score box"
    verbose_name_plural = "score box"

    @staticmethod
    def applies_to(article) -> bool:
        """Shown on new articles and on reviews (ARTICLE_ADMIN_INLINES)."""
        return article is None or article.kind == "review"

    autocomplete_fields = ["series"]
    fieldsets = [
        (None, {"fields": ["review_type", "score", "verdict", ("pros", "cons")]}),
        (
            "What was reviewed",
            {
                "fields": [
                    "series",
                    "season_number",
                    ("episode_from", "episode_to"),
                    "reviewed_from",
                ]
            },
        ),
    ]
