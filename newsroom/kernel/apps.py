from django.apps import AppConfig


class KernelConfig(AppConfig):
    """What every app shares and that knows no article: text, extension
    points, tasks, page helpers, the reader pages' template tags."""

    name = "newsroom.kernel"
    label = "kernel"
    verbose_name = "Kernel"
