"""The slug box in the admin: proposed while the title is typed, checked
while the slug is edited, and filled on save when left empty.

Django's own prepopulated slug drops every letter it has no table for
("Saitō" → ``sait``) and never looks at what is taken; this asks the server,
which transliterates (``suggest.slug_for``) and knows what is free.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.urls import path, reverse

from .suggest import slug_owner, unique_slug

#: Longest text the suggestion view reads.
MAX_SOURCE_LENGTH = 500


class SlugSuggestionAdmin:
    """ModelAdmin mixin for a model with a unique ``slug`` made from
    ``slug_source`` (a field of the form). Use it instead of
    ``prepopulated_fields``."""

    slug_source = "title"

    def slug_hints(self, request, data) -> tuple[str, ...]:
        """Words that make a taken slug specific before a number would (an
        article's series, say); ``data`` is the form's data or the query."""
        return ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if "slug" not in form_class.base_fields:
            return form_class
        admin = self

        class SlugForm(form_class):
            def clean_slug(self):
                slug = self.cleaned_data.get("slug", "")
                if not slug:
                    return slug
                holder = slug_owner(admin.model, slug, exclude_pk=self.instance.pk)
                if holder is not None:
                    free = unique_slug(
                        admin.model,
                        slug,
                        exclude_pk=self.instance.pk,
                        hints=admin.slug_hints(request, self.data),
                    )
                    raise ValidationError(
                        f"“{slug}” is already the address of “{holder}”. "
                        f"“{free}” is free: use it, or choose another."
                    )
                return slug

            def clean(self):
                cleaned = super().clean()
                if not cleaned.get("slug") and "slug" not in self.errors:
                    source = cleaned.get(admin.slug_source) or ""
                    if source:
                        cleaned["slug"] = unique_slug(
                            admin.model,
                            str(source),
                            exclude_pk=self.instance.pk,
                            hints=admin.slug_hints(request, self.data),
                        )
                        self.instance.slug = cleaned["slug"]
                return cleaned

        SlugForm.__name__ = form_class.__name__
        # The subclass made its own fields (the metaclass ran again): set
        # them up here.
        field = SlugForm.base_fields["slug"]
        field.required = False
        field.help_text = (
            f"The address. Left empty, it is made from the "
            f"{self.slug_source.replace('_', ' ')} (Saitō → saito) when you save."
        )
        field.widget.attrs.update(
            {
                "data-slug-url": reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_slug"
                ),
                "data-slug-source": f"id_{self.slug_source}",
                "data-slug-pk": obj.pk if obj is not None else "",
                "autocomplete": "off",
            }
        )
        return SlugForm

    @property
    def media(self):
        return super().media + forms.Media(
            js=[forms.Script("admin/slug-suggest.js", defer=True)]
        )

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_slug"
        return [
            path("slug/", self.admin_site.admin_view(self.slug_view), name=name),
            *super().get_urls(),
        ]

    def slug_view(self, request):
        """``?text=…`` → a free slug for it; ``?slug=…`` → who holds it."""
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        pk = request.GET.get("pk", "")
        pk = int(pk) if pk.isdigit() else None
        hints = self.slug_hints(request, request.GET)
        slug = request.GET.get("slug", "")[:MAX_SOURCE_LENGTH].strip()
        if slug:
            holder = slug_owner(self.model, slug, exclude_pk=pk)
            return JsonResponse(
                {
                    "slug": slug,
                    "taken_by": str(holder) if holder is not None else None,
                    "free": unique_slug(self.model, slug, exclude_pk=pk, hints=hints)
                    if holder is not None
                    else slug,
                }
            )
        text = request.GET.get("text", "")[:MAX_SOURCE_LENGTH]
        free = unique_slug(self.model, text, exclude_pk=pk, hints=hints) if text else ""
        return JsonResponse({"slug": free, "taken_by": None, "free": free})
