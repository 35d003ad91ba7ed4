"""Who may see and act on matching runs: the program's managers and superusers."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from tandem.matching.models import MatchingRun
from tandem.programs.permissions import is_program_manager_of


def get_run_for(user, pk) -> MatchingRun:
    """The run ``pk`` if ``user`` manages its program; 404 otherwise (no hint it exists)."""
    run = get_object_or_404(MatchingRun.objects.select_related("program"), pk=pk)
    if not is_program_manager_of(user, run.program):
        raise Http404
    return run
