from django.apps import AppConfig


class MediaConfig(AppConfig):
    """The media library: images, renditions, upload checks."""

    name = "newsroom.kernel.media"
    label = "media"
    verbose_name = "Media library"
