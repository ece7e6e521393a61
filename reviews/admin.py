from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from newsroom.kernel.forms import EditorTextForm

from .models import Review


class ReviewFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        filled = any(
            form.has_changed() and not self._should_delete_form(form)
            for form in self.forms
        )
        if filled and getattr(self.instance, "kind", None) != "review":
            raise ValidationError(
                "The score box only applies to reviews: set the kind to Review, "
                "or clear these fields."
            )


class ReviewInline(admin.StackedInline):
    """The score box, edited on the review article's own form."""

    model = Review
    form = EditorTextForm
    formset = ReviewFormSet
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
