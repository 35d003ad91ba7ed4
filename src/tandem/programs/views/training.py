"""Mentor training: the program's required modules, each module's content, and the
"I completed this module" button. Mentors only: a mentee (or anyone else) gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tandem.programs.permissions import get_mentor_enrolment_for
from tandem.programs.services import training


def _module_of(enrolment, module_slug):
    return get_object_or_404(enrolment.program.required_modules, slug=module_slug)


@login_required
@require_GET
def training_list(request, slug):
    enrolment = get_mentor_enrolment_for(request.user, slug)
    status = training.readiness(enrolment.person, enrolment.program)
    context = {"enrolment": enrolment, "program": enrolment.program, "readiness": status}
    return render(request, "programs/training_list.html", context)


def content_template(module) -> str | None:
    """``programs/training/<slug>.html`` if it exists; else the page shows the description."""
    name = f"programs/training/{module.slug}.html"
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return None
    return name


@login_required
@require_GET
def training_module(request, slug, module_slug):
    enrolment = get_mentor_enrolment_for(request.user, slug)
    module = _module_of(enrolment, module_slug)
    done = training.completions_of(enrolment.person).get(module.pk)
    context = {
        "enrolment": enrolment,
        "program": enrolment.program,
        "module": module,
        "completed_at": done,
        "content_template": content_template(module),
    }
    return render(request, "programs/training_module.html", context)


@login_required
@require_POST
def complete_module(request, slug, module_slug):
    enrolment = get_mentor_enrolment_for(request.user, slug)
    module = _module_of(enrolment, module_slug)
    training.complete_module(enrolment.person, module, actor=request.user)
    status = training.readiness(enrolment.person, enrolment.program)
    if status.ready:
        messages.success(request, _("All required modules are done: you are ready to mentor."))
    else:
        messages.success(
            request,
            _("“%(module)s” is marked as completed.") % {"module": module.name},
        )
    return redirect("participant:training", slug=slug)
