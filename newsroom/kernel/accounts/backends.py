from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins made over HTTP.

    A login with no request (a management command, a test's ``client.login``)
    cannot come from a guesser on the network, so it is let through to the
    password check instead of failing as axes' own backend would.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
