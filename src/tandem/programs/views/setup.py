"""Setting a program up step by step. Step 1 saves a draft program; every later step edits
it, so nothing is lost between steps and a manager can come back later."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.programs import forms
from tandem.programs.errors import ProgramsError
from tandem.programs.permissions import can_create_programs, get_program_for_manager
from tandem.programs.services.setup import StaleEdit, save_setup_step, start_draft

STEPS = [
    ("objective", forms.ObjectiveForm, gettext_lazy("Objective and name")),
    ("topics", forms.TopicsForm, gettext_lazy("Topics and format")),
    ("dates", forms.DatesForm, gettext_lazy("Dates and rhythm")),
    ("charter", forms.CharterForm, gettext_lazy("Charter")),
    ("training", forms.TrainingForm, gettext_lazy("Mentor requirements")),
    ("team", forms.StaffForm, gettext_lazy("Team and renewal")),
    ("weights", forms.WeightsForm, gettext_lazy("Matching weights")),
]
NAMES = [name for name, _form, _title in STEPS]


def _shown(field, value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "__iter__") and not isinstance(value, str):
        return ", ".join(sorted(str(item) for item in value)) or "—"
    labels = dict(getattr(field, "choices", None) or [])
    return str(labels.get(value, value))


def _unsaved(stale, current) -> list[tuple[str, str]]:
    """What the manager entered that differs from the values now saved, shown beside them so
    nothing typed is lost when a save is refused."""
    out = []
    for name, field in stale.fields.items():
        if name == "version":
            continue
        mine = _shown(field, stale.cleaned_data.get(name))
        if mine != _shown(field, current[name].initial):
            out.append((field.label, mine))
    return out


def _render(request, form, step: int, program=None, conflict: str = "", unsaved=()):
    context = {
        "conflict": conflict,
        "unsaved": unsaved,
        "form": form,
        "program": program,
        "step": step + 1,
        "step_name": NAMES[step],
        "step_title": STEPS[step][2],
        "steps": [(k + 1, name, title) for k, (name, _f, title) in enumerate(STEPS)],
        "total": len(STEPS),
        "is_last": step == len(STEPS) - 1,
    }
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "programs/setup.html", context, status=status)


@login_required
def new_program(request):
    """Step 1 for a new program: name and objective make the draft."""
    if not can_create_programs(request.user):
        raise Http404
    form = forms.ObjectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            program = start_draft(
                form.cleaned_data["name"], form.cleaned_data["objective"], actor=request.user
            )
        except ProgramsError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, _("Draft saved. Next: topics and format."))
            return redirect("programs:setup", slug=program.slug, step=NAMES[1])
    return _render(request, form, 0)


@login_required
def setup_step(request, slug: str, step: str):
    """Any step of an existing program; "back" and "next" both save a valid step."""
    program = get_program_for_manager(request.user, slug)
    if step not in NAMES:
        raise Http404
    index = NAMES.index(step)
    form_class = STEPS[index][1]
    extra = {"user": request.user} if form_class is forms.StaffForm else {}
    form = form_class(request.POST or None, instance=program, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            save_setup_step(form, step=step, actor=request.user, versioned=True)
        except StaleEdit as error:
            # The current values (and version) replace what was posted: review, save again.
            program = get_program_for_manager(request.user, slug)
            current = form_class(instance=program, **extra)
            unsaved = _unsaved(form, current)
            return _render(request, current, index, program, str(error), unsaved)
        action = request.POST.get("action")
        if action == "back" and index > 0:
            return redirect("programs:setup", slug=program.slug, step=NAMES[index - 1])
        if action == "next" and index < len(STEPS) - 1:
            return redirect("programs:setup", slug=program.slug, step=NAMES[index + 1])
        messages.success(request, _("The program's settings are saved."))
        return redirect("programs:detail", slug=program.slug)
    return _render(request, form, index, program)
