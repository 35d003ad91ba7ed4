"""Who may see and act on matching runs: the program's managers and superusers."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from tandem.matching.models import MatchingRun
from tandem.programs.models import Program


def can_manage(user, program: Program) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or program.managers.filter(pk=user.pk).exists()


def get_run_for(user, pk) -> MatchingRun:
    """The run ``pk`` if ``user`` manages its program; 404 otherwise (no hint it exists)."""
    run = get_object_or_404(MatchingRun.objects.select_related("program"), pk=pk)
    if not can_manage(user, run.program):
        raise Http404
    return run
