"""The notifications page in the admin: everyone sees their own, and only theirs.

Reading a page writes nothing (tests/site/test_reads_never_write.py): a
notification is marked read by the POST that opens its article, and
"mark all as read" and the e-mail switch are POSTs too.
"""

from django import forms
from django.contrib import admin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from newsroom.kernel.admin import ReadOnlyAdmin

from . import services
from .models import Notification, Preference

PER_PAGE = 30


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["by_email"]


def _staff(request) -> bool:
    return request.user.is_active and request.user.is_staff


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """No add, change or delete: notifications are made by workflow moves."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(recipient=request.user)

    def has_module_permission(self, request):
        return _staff(request)

    def has_view_permission(self, request, obj=None):
        return _staff(request) and (obj is None or obj.recipient_id == request.user.pk)

    def get_urls(self):
        def view(func):
            return self.admin_site.admin_view(require_POST(func))

        return [
            path(
                "<int:pk>/open/",
                view(self.open_view),
                name="notifications_notification_open",
            ),
            path(
                "read-all/",
                view(self.read_all_view),
                name="notifications_notification_read_all",
            ),
            path(
                "email/",
                view(self.email_view),
                name="notifications_notification_email",
            ),
            *super().get_urls(),
        ]

    def _own(self, request, pk) -> Notification:
        """The user's own notification; anyone else's is as if it did not exist."""
        if (
            not self.has_view_permission(request)
            or not str(pk).isascii()
            or not str(pk).isdigit()
        ):
            raise Http404
        return get_object_or_404(Notification, pk=pk, recipient=request.user)

    def _list(self):
        return HttpResponseRedirect(
            reverse("admin:notifications_notification_changelist")
        )

    def changelist_view(self, request, extra_context=None):
        """The user's notifications, newest first, unread ones marked."""
        if not self.has_view_permission(request):
            raise Http404
        notifications = self.get_queryset(request).select_related("article", "actor")
        page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
        preference = Preference.objects.filter(user=request.user).first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Your notifications",
            "page_obj": page,
            "unread": Notification.objects.unread()
            .filter(recipient=request.user)
            .exists(),
            "preference_form": PreferenceForm(
                instance=preference or Preference(user=request.user)
            ),
            **(extra_context or {}),
        }
        return TemplateResponse(
            request, "admin/notifications/notification/list.html", context
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A notification has no form of its own: its place in the list."""
        notification = self._own(request, object_id)
        return HttpResponseRedirect(
            reverse("admin:notifications_notification_changelist")
            + f"#notification-{notification.pk}"
        )

    def history_view(self, request, object_id, extra_context=None):
        self._own(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def open_view(self, request, pk):
        """Mark the notification read and go to the article's form."""
        notification = self._own(request, pk)
        services.notification_open(notification=notification, user=request.user)
        return HttpResponseRedirect(
            reverse("admin:newsroom_article_change", args=[notification.article_id])
        )

    def read_all_view(self, request):
        if not self.has_view_permission(request):
            raise Http404
        done = services.notifications_mark_all_read(user=request.user)
        self.message_user(
            request, f"{done} notification{'s' if done != 1 else ''} marked as read."
        )
        return self._list()

    def email_view(self, request):
        if not self.has_view_permission(request):
            raise Http404
        form = PreferenceForm(request.POST)
        form.is_valid()  # A lone checkbox is always valid: absent means off.
        by_email = form.cleaned_data["by_email"]
        services.notification_preference_set(user=request.user, by_email=by_email)
        self.message_user(
            request,
            "Notifications will be e-mailed to you too."
            if by_email
            else "Notifications will only show here, with no e-mail.",
        )
        return self._list()
