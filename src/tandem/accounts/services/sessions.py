"""A user's signed-in sessions: recorded at sign-in, listed on their sessions page, ended one
by one or all but the current one (a password change or reset ends the others)."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from tandem.accounts.models import SignedInSession
from tandem.operations.ratelimit import client_ip
from tandem.operations.text import bad_character


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


@receiver(user_logged_in, dispatch_uid="tandem.accounts.sessions.record")
def record(sender, request, user, **kwargs) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if not key:
        return
    agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    SignedInSession.objects.update_or_create(
        session_key=key,
        defaults={
            "user": user,
            "ip_address": client_ip(request) or None,
            "user_agent": "" if bad_character(agent, one_line=True) else agent,
        },
    )


@receiver(user_logged_out, dispatch_uid="tandem.accounts.sessions.forget")
def forget(sender, request, user, **kwargs) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        SignedInSession.objects.filter(session_key=key).delete()


def live_sessions(user) -> list[SignedInSession]:
    """The user's sessions still valid in the store (expired ones are dropped on the way)."""
    store = _store()
    alive = []
    for row in SignedInSession.objects.filter(user=user):
        if store().exists(row.session_key):
            alive.append(row)
        else:
            row.delete()
    return alive


def renamed(old_key: str | None, new_key: str | None) -> None:
    """The session went on under a new key (``update_session_auth_hash`` cycles it)."""
    if old_key and new_key and old_key != new_key:
        SignedInSession.objects.filter(session_key=old_key).update(session_key=new_key)


def end(row: SignedInSession) -> None:
    _store()(session_key=row.session_key).delete()
    row.delete()


def end_others(user, current_key: str | None) -> int:
    others = [r for r in SignedInSession.objects.filter(user=user) if r.session_key != current_key]
    for row in others:
        end(row)
    return len(others)
