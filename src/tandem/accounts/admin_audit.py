"""Audited reads in the Django admin: opening the change page of a row that holds a person's
data leaves an event (the change list does not: one event per list view would be noise)."""

from operator import attrgetter

from tandem.accounts.audit import record_read


class AuditedReadAdmin:
    """Mix into a ``ModelAdmin`` before it. ``audit_owner`` is the dotted path from the row
    to the user who owns it (``"user_id"``, ``"person.user_id"``), so reading one's own row is
    not recorded; ``None`` records every read."""

    audit_owner: str | None = None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = (getattr(response, "context_data", None) or {}).get("original")
            if obj is not None:
                owner = attrgetter(self.audit_owner)(obj) if self.audit_owner else None
                record_read(request.user, obj, owner, via="admin")
        return response
