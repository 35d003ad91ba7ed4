"""Who may manage a program: its own managers (``program.managers``) and superusers, nobody
else — the one rule every app follows through ``is_program_manager_of``. The global
``User.is_program_manager`` flag (HR program managers) only allows creating programs and
managing the people directory; it does not open other managers' programs. Everyone else gets a
404, with no hint the program exists."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from tandem.programs.models import Enrolment, Program


def can_create_programs(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.is_program_manager)


def is_program_manager_of(user, program: Program) -> bool:
    """Whether ``user`` manages ``program``: one of its managers, or a superuser (for
    administration). The global ``is_program_manager`` flag does not count here."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or program.managers.filter(pk=user.pk).exists()


def managed_programs(user):
    """``is_program_manager_of`` as a queryset: the programs the user manages (every program
    for a superuser, none when signed out)."""
    if not getattr(user, "is_authenticated", False):
        return Program.objects.none()
    return Program.objects.all() if user.is_superuser else Program.objects.filter(managers=user)


def get_program_for_manager(user, slug) -> Program:
    """The program ``slug`` if ``user`` manages it; 404 otherwise."""
    program = get_object_or_404(Program.objects.select_related("sponsor"), slug=slug)
    if not is_program_manager_of(user, program):
        raise Http404
    return program


# Participant side: a person reaches only their own enrolments.


def get_enrolment_for(user, pk):
    """One of the user's own enrolments; 404 for anyone else's."""
    return get_object_or_404(
        Enrolment.objects.select_related("program", "person"), pk=pk, person__user_id=user.pk
    )


def get_mentor_enrolment_for(user, slug):
    """The user's open mentor enrolment in program ``slug``: training is for mentors only."""
    return get_object_or_404(
        Enrolment.objects.select_related("program", "person"),
        program__slug=slug,
        person__user_id=user.pk,
        role=Enrolment.Role.MENTOR,
        status__in=[Enrolment.Status.APPLIED, Enrolment.Status.ACCEPTED],
    )


def programs_for(user):
    """The programs a user may read (API): those they manage, coach, sponsor or are enrolled
    in; every program for a superuser."""
    if not getattr(user, "is_authenticated", False):
        return Program.objects.none()
    if user.is_superuser:
        return Program.objects.all()
    return Program.objects.filter(
        Q(managers=user)
        | Q(coaches__user=user)
        | Q(sponsor__user=user)
        | Q(enrolments__person__user=user)
    ).distinct()


def get_program_for(user, pk) -> Program:
    """A program the user may read (see ``programs_for``); 404 otherwise."""
    return get_object_or_404(programs_for(user), pk=pk)


def get_managed_program_for(user, pk) -> Program:
    """A program the user manages (API): 404 if they may not even read it, 403 if they may
    only read it."""
    program = get_program_for(user, pk)
    if not is_program_manager_of(user, program):
        raise PermissionDenied(_("Only the program's managers can do this."))
    return program


def coaches(user, program: Program) -> bool:
    """Whether ``user`` coaches the program: one of its coaches, or the coach of one of its
    enrolments."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        program.coaches.filter(user_id=user.pk).exists()
        or program.enrolments.filter(coach__user_id=user.pk).exists()
    )


def supervises(user, program: Program) -> bool:
    """Its managers and its coaches: they record assessments and sign training off."""
    return is_program_manager_of(user, program) or coaches(user, program)


def get_program_for_supervisor(user, slug) -> Program:
    """The program ``slug`` for its managers and coaches (pages); 404 for anyone else."""
    program = get_object_or_404(Program, slug=slug)
    if not supervises(user, program):
        raise Http404
    return program


def get_supervised_program_for(user, pk) -> Program:
    """A program its managers and coaches act on (API): 404 if the user may not read it, 403
    if they may only read it."""
    program = get_program_for(user, pk)
    if not supervises(user, program):
        raise PermissionDenied(_("Only the program's managers and coaches can do this."))
    return program
