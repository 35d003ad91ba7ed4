"""Small display helpers shared by the web templates."""

from django import template
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils.translation import get_language_info

from tandem.programs.models import Enrolment, Program

register = template.Library()


@register.filter
def language_names(codes) -> str:
    """``["fr", "en"]`` → "French, English" in the page's language; unknown codes as they are."""
    names = []
    for code in codes or []:
        try:
            names.append(str(get_language_info(code)["name_translated"]))
        except KeyError:
            names.append(str(code))
    return ", ".join(names)


@register.simple_tag(takes_context=True)
def nav_roles(context) -> dict:
    """Which role links the header shows: ``manages`` (the user manages a program, may create
    one, or is a superuser) and ``coaches`` (program or enrolment coach). One query per
    request, remembered on the request so every use on the page is free."""
    request = context.get("request")
    cached = getattr(request, "_tandem_nav_roles", None)
    if cached is not None:
        return cached
    user = context.get("user") or getattr(request, "user", None)
    roles = {"manages": False, "coaches": False}
    if getattr(user, "is_authenticated", False):
        roles = _roles_of(user)
    if request is not None:
        request._tandem_nav_roles = roles
    return roles


def _roles_of(user) -> dict:
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            manager=Exists(Program.objects.filter(managers=OuterRef("pk"))),
            program_coach=Exists(Program.objects.filter(coaches__user=OuterRef("pk"))),
            enrolment_coach=Exists(Enrolment.objects.filter(coach__user=OuterRef("pk"))),
        )
        .values("manager", "program_coach", "enrolment_coach")
        .first()
        or {}
    )
    manages = bool(row.get("manager") or user.is_superuser or user.is_program_manager)
    coaches = bool(row.get("program_coach") or row.get("enrolment_coach"))
    return {"manages": manages, "coaches": coaches}
