"""Uploading the people and enrolment CSV files; every rejected row is shown."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tandem.people.permissions import can_manage_directory
from tandem.people.services.people_import import import_people
from tandem.programs.forms import ImportForm
from tandem.programs.permissions import get_program_for_manager
from tandem.programs.services.enrolment_import import import_enrolments


@login_required
def upload(request, slug: str):
    """GET: the form. POST: run the import (it owns its transaction) and show its report."""
    program = get_program_for_manager(request.user, slug)
    can_people = can_manage_directory(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, can_import_people=can_people)
    report = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        if data["kind"] == ImportForm.PEOPLE:
            report = import_people(upload, actor=request.user, skip_invalid=data["skip_invalid"])
        else:
            report = import_enrolments(
                program, upload, actor=request.user, skip_invalid=data["skip_invalid"]
            )
    context = {"program": program, "form": form, "report": report}
    status = 400 if form.errors or (report and report.errors and not report.written) else 200
    return render(request, "programs/import.html", context, status=status)
