"""Inviting the program's people to Tandem: one by one, or everyone without an account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tandem.accounts.services.invitations import invite_people
from tandem.people.models import Person
from tandem.programs.permissions import get_program_for_manager
from tandem.programs.services.invitations import invite_program


@login_required
@require_POST
def invite_one(request, slug: str, person_id: int):
    """(Re-)send an invitation to one person enrolled in the program."""
    program = get_program_for_manager(request.user, slug)
    person = Person.objects.filter(pk=person_id, enrolments__program=program).first()
    if person is None:
        raise Http404
    invite_people([person], actor=request.user)
    messages.success(request, _("An invitation was sent to %(email)s.") % {"email": person.email})
    return redirect("programs:detail", slug=program.slug)


@login_required
@require_POST
def invite_all(request, slug: str):
    """Invite every enrolled person who has no account and no invitation still valid."""
    program = get_program_for_manager(request.user, slug)
    sent = len(invite_program(program, actor=request.user).invited)
    if sent:
        messages.success(
            request,
            ngettext("%(n)s invitation sent.", "%(n)s invitations sent.", sent) % {"n": sent},
        )
    else:
        messages.info(request, _("Everyone enrolled has an account or a valid invitation."))
    return redirect("programs:detail", slug=program.slug)
