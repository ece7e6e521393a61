from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "newsroom.kernel.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import signals

        user_login_failed.connect(signals.log_failed_login, dispatch_uid="acc-fail")
        user_locked_out.connect(signals.log_lockout, dispatch_uid="acc-locked")
        user_logged_in.connect(signals.start_session, dispatch_uid="acc-login")
