from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from tandem.accounts.audit import USER_FLAGS, record_flag_changes
from tandem.accounts.models import AuditEvent, User

RIGHTS_FIELDS = ("groups", "user_permissions")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Users sign in with their email; the username follows it."""

    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "is_program_manager",
        "is_staff",
        "is_active",
    ]
    list_filter = ["is_program_manager", "is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name"]}),
        (
            _("Permissions"),
            {
                "fields": [
                    "is_active",
                    "is_program_manager",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request, obj, form, change):
        """Saved with one audit event when a permission flag changed (before → after); the
        form's initial values are the flags as they were, so nothing is read again."""
        before = {flag: bool(form.initial.get(flag, False)) for flag in USER_FLAGS}
        super().save_model(request, obj, form, change)
        rights = sorted(name for name in RIGHTS_FIELDS if name in form.changed_data)
        extra = {"also_changed": rights} if rights else {}
        record_flag_changes(
            request.user, obj, before, force=bool(rights), via="admin", created=not change, **extra
        )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only, even for superusers."""

    list_display = ["at", "actor", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["action", "object_type", "object_id", "actor__email"]
    list_select_related = ["actor"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
