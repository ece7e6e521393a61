"""Old slugs, so that a renamed article, series or person keeps its old links."""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction


class OldSlug(models.Model):
    """A slug an object used to have; its old address redirects permanently."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(max_length=200)
    retired_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "slug"], name="old_slug_unique_per_type"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.slug

    @classmethod
    def find(cls, model, slug):
        """The object of this model that once had this slug, or None."""
        old = (
            cls.objects.filter(
                content_type=ContentType.objects.get_for_model(model), slug=slug
            )
            .only("object_id")
            .first()
        )
        return None if old is None else old.object_id

    @classmethod
    def renamed(cls, queryset, slug):
        """The object of ``queryset`` that once had this slug (only its current
        slug loaded), or None."""
        pk = cls.find(queryset.model, slug)
        return None if pk is None else queryset.filter(pk=pk).only("slug").first()


class RemembersOldSlugs(models.Model):
    """A model whose old slugs are kept when its slug changes."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk is None or (
            update_fields is not None and "slug" not in update_fields
        ):
            return super().save(*args, **kwargs)
        previous = (
            type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        )
        with transaction.atomic():
            super().save(*args, **kwargs)
            if previous and previous != self.slug:
                kind = ContentType.objects.get_for_model(type(self))
                # The new slug is this object's own again: it no longer redirects.
                OldSlug.objects.filter(content_type=kind, slug=self.slug).delete()
                OldSlug.objects.update_or_create(
                    content_type=kind, slug=previous, defaults={"object_id": self.pk}
                )
