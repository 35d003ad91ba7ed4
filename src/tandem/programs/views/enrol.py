"""A participant's programs: their enrolments, programs open to apply to, applying,
withdrawing, and their enrolment details (availability, capacity, languages)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.people.permissions import person_or_404
from tandem.programs.errors import ProgramsError
from tandem.programs.forms_participant import (
    ApplyForm,
    DetailsForm,
    SlotFormSet,
    slot_initial,
)
from tandem.programs.models import Enrolment, Program, TrainingModule
from tandem.programs.permissions import get_enrolment_for
from tandem.programs.services import participation, training


@login_required
@require_GET
def my_programs(request):
    """Everything in one page, in a fixed number of queries."""
    person = person_or_404(request.user)
    enrolments = list(
        Enrolment.objects.filter(person=person)
        .select_related("program")
        .prefetch_related(
            Prefetch("program__required_modules", TrainingModule.objects.order_by("position"))
        )
        .order_by("-program__start", "program__name", "role")
    )
    done = training.completions_of(person)
    rows = [
        (
            e,
            training.readiness(person, e.program, done)
            if e.role == Enrolment.Role.MENTOR and e.status in participation.OPEN
            else None,
        )
        for e in enrolments
    ]
    context = {
        "person": person,
        "rows": rows,
        "open_statuses": participation.OPEN,
        "programs": list(participation.open_programs_for(person).order_by("start", "name")),
    }
    return render(request, "programs/enrol_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    person = person_or_404(request.user)
    program = get_object_or_404(
        participation.open_programs_for(person).prefetch_related("topics"), slug=slug
    )
    form = ApplyForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            enrolment = participation.apply(
                person,
                program,
                role=form.cleaned_data["role"],
                motivation=form.cleaned_data["motivation"],
                actor=request.user,
            )
        except ProgramsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Your application to %(program)s is sent. Now tell us when you are available.")
                % {"program": program.name},
            )
            return redirect("participant:enrolment", pk=enrolment.pk)
    status = 400 if form.is_bound else 200
    context = {"program": program, "form": form}
    return render(request, "programs/enrol_apply.html", context, status=status)


@login_required
@require_POST
def withdraw(request, pk):
    enrolment = get_enrolment_for(request.user, pk)
    try:
        participation.withdraw(enrolment, actor=request.user)
    except ProgramsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("You withdrew from %(program)s.") % {"program": enrolment.program.name},
        )
    return redirect("participant:programs")


def _details_forms(enrolment: Enrolment, data=None):
    limit = participation.max_capacity(enrolment.program)
    initial = {
        "languages": enrolment.languages,
        "capacity": enrolment.capacity,
    }
    form = DetailsForm(data, enrolment=enrolment, limit=limit, initial=initial)
    slots = SlotFormSet(
        data,
        prefix="slots",
        initial=None if data is not None else slot_initial(enrolment.availability),
    )
    return form, slots


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_details(request, pk):
    enrolment = get_enrolment_for(request.user, pk)
    data = request.POST if request.method == "POST" else None
    if data is not None and "add_slot" in data:
        data = data.copy()
        total = data.get("slots-TOTAL_FORMS", "0")
        data["slots-TOTAL_FORMS"] = str(int(total) + 1 if total.isdecimal() else 1)
        form, slots = _details_forms(enrolment, data)
        return render(request, "programs/enrol_details.html", _context(enrolment, form, slots))
    form, slots = _details_forms(enrolment, data)
    if data is not None and form.is_valid() and slots.is_valid():
        try:
            participation.update_details(
                enrolment,
                availability=slots.slots(),
                languages=form.cleaned_data["languages"],
                capacity=form.cleaned_data.get("capacity"),
                actor=request.user,
            )
        except ProgramsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your details for this program are saved."))
            return redirect("participant:enrolment", pk=enrolment.pk)
    status = 400 if data is not None else 200
    context = _context(enrolment, form, slots)
    return render(request, "programs/enrol_details.html", context, status=status)


def _context(enrolment, form, slots) -> dict:
    return {
        "enrolment": enrolment,
        "program": enrolment.program,
        "form": form,
        "slots": slots,
        "editable": enrolment.status in participation.OPEN
        and enrolment.program.status in participation.EDITABLE_PROGRAMS,
        "withdrawable": enrolment.status == Enrolment.Status.APPLIED
        or (
            enrolment.status == Enrolment.Status.ACCEPTED
            and enrolment.program.status == Program.Status.RECRUITING
        ),
    }
