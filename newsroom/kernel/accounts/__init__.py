"""Staff accounts: login throttling, a second factor and bounded sessions.

The newsroom's people sign in to the admin; this app keeps those sign-ins
safe. django-axes counts failed logins and locks out guessing, django-otp
holds each person's authenticator app, and two middlewares bound a session's
life and ask for the second factor. It knows no article.
"""
