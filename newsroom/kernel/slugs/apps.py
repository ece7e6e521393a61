from django.apps import AppConfig


class SlugsConfig(AppConfig):
    """Slug history: renamed pages keep answering their old addresses."""

    name = "newsroom.kernel.slugs"
    label = "slugs"
    verbose_name = "Old addresses"
