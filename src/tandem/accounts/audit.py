"""One call to leave a trace; used by every app that reads or exports someone else's data."""

from tandem.accounts.models import AuditEvent


def record(actor, action: str, obj=None, **details) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        details=details,
    )
