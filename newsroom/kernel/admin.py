"""Admin pieces shared by the apps."""


class ReadOnlyAdmin:
    """ModelAdmin mixin for records nobody types or changes in the admin
    (the audit log, the workflow log, notifications): they are listed and
    read; the services write them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
