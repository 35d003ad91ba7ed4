"""One call to leave a trace; used by every app that reads or exports someone else's data
or changes who may do what."""

from tandem.accounts.models import AuditEvent

# The User flags that grant or remove rights: a change to any of them is audited.
USER_FLAGS = ("is_active", "is_program_manager", "is_staff", "is_superuser")


def record(actor, action: str, obj=None, **details) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        details=details,
    )


def record_read(actor, obj, owner_user_id, **details) -> AuditEvent | None:
    """A read of ``obj`` (someone's personal data) unless ``actor`` is its owner: one INSERT,
    nothing read. Only detail pages and routes call it: a list page would leave one event per
    page view and drown the reads that matter."""
    if getattr(actor, "pk", None) is not None and actor.pk == owner_user_id:
        return None
    return record(actor, f"{obj._meta.model_name}.read", obj, **details)


def user_flags(user) -> dict:
    """The permission flags of ``user`` as they are now (compare before and after a save)."""
    return {flag: bool(getattr(user, flag)) for flag in USER_FLAGS}


def record_flag_changes(
    actor, user, before: dict, *, force: bool = False, **details
) -> AuditEvent | None:
    """One event listing the flags of ``user`` that differ from ``before`` as ``[before,
    after]``; none if nothing changed (unless ``force``: groups or permissions changed)."""
    after = user_flags(user)
    changed = {
        flag: [before.get(flag), value]
        for flag, value in after.items()
        if before.get(flag) != value
    }
    if not changed and not force:
        return None
    return record(actor, "user.permissions_changed", user, changes=changed, **details)


def record_set_change(actor, action: str, obj, before, after, **details) -> AuditEvent | None:
    """Who was added and removed in a set of ids (managers, coaches), if anything changed."""
    before, after = set(before), set(after)
    if before == after:
        return None
    return record(
        actor,
        action,
        obj,
        before=sorted(before),
        after=sorted(after),
        added=sorted(after - before),
        removed=sorted(before - after),
        **details,
    )
