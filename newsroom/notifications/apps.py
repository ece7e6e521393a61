from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Tells writers and editors about workflow moves that concern them."""

    name = "newsroom.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from newsroom.articles.extensions import ARTICLE_MOVED

        from . import services

        ARTICLE_MOVED.register(services.notifications_for_move)
