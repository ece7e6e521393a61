"""Old addresses of renamed pages keep working."""

from django.http import Http404, HttpResponsePermanentRedirect

from newsroom.kernel.pages import with_query

from .models import OldSlug


class OldSlugRedirectMixin:
    """A page whose object was renamed answers its old address with a
    permanent redirect to the new one (only when readers may see the object)."""

    slug_model = None  # the renamed model, when it is not the page's own

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = self.moved_object(kwargs["slug"])
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(
                with_query(self.moved_url(moved), request)
            )

    def slug_queryset(self):
        model = self.slug_model or self.get_queryset().model
        return model._default_manager.all()

    def moved_object(self, slug):
        return OldSlug.renamed(self.slug_queryset(), slug)

    def moved_url(self, obj):
        return obj.get_absolute_url()
