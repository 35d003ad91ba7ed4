"""Mentor training. Mentors: the program's required modules, each module's content and its
closing quiz (or who signs it off). Managers and coaches: every mentor's progress, and the
sign-off of a module when the program completes modules that way. Anyone else gets a 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts.forms import CleanTextMixin
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Enrolment, Program, TrainingCompletion
from tandem.programs.permissions import get_mentor_enrolment_for, get_program_for_supervisor
from tandem.programs.services import training

PER_PAGE = 50


def _module_of(program, module_slug):
    return get_object_or_404(program.required_modules, slug=module_slug)


class QuizForm(CleanTextMixin, forms.Form):
    """One radio group per question, in the page's language."""

    def __init__(self, *args, module, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(module.questions.all())
        for position, question in enumerate(self.questions, start=1):
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=f"{position}. {question.text}",
                choices=list(enumerate(question.choice_texts())),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": gettext_lazy("Choose an answer.")},
            )

    def answers(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}


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


def _module_page(request, enrolment, module, form=None, result=None, status=200):
    program = enrolment.program
    ready = training.readiness(enrolment.person, program)
    done = next((s.completion for s in ready.modules if s.module.pk == module.pk), None)
    quiz = program.training_check == Program.TrainingCheck.QUIZ
    context = {
        "enrolment": enrolment,
        "program": program,
        "module": module,
        "completion": done,
        "quiz": quiz,
        "form": form or (QuizForm(module=module) if quiz and done is None else None),
        "result": result,
        "content_template": content_template(module),
    }
    return render(request, "programs/training_module.html", context, status=status)


@login_required
@require_GET
def training_module(request, slug, module_slug):
    enrolment = get_mentor_enrolment_for(request.user, slug)
    return _module_page(request, enrolment, _module_of(enrolment.program, module_slug))


@login_required
@require_http_methods(["POST"])
def take_quiz(request, slug, module_slug):
    """Grade the answers: a pass completes the module; otherwise the page says which
    questions were wrong (not the right answers) and the mentor tries again."""
    enrolment = get_mentor_enrolment_for(request.user, slug)
    module = _module_of(enrolment.program, module_slug)
    if enrolment.program.training_check != Program.TrainingCheck.QUIZ:
        messages.error(request, _("In this program your coach signs the modules off."))
        return redirect("participant:training-module", slug=slug, module_slug=module.slug)
    form = QuizForm(request.POST, module=module)
    if not form.is_valid():
        return _module_page(request, enrolment, module, form=form, status=400)
    try:
        result = training.take_quiz(enrolment.person, module, form.answers(), actor=request.user)
    except ProgramsError as error:
        messages.error(request, str(error))
        return redirect("participant:training", slug=slug)
    if not result.passed:
        return _module_page(request, enrolment, module, form=QuizForm(module=module), result=result)
    if training.readiness(enrolment.person, enrolment.program).ready:
        messages.success(request, _("All required modules are done: you are ready to mentor."))
    else:
        messages.success(
            request,
            _("Quiz passed (%(score)s of %(total)s): “%(module)s” is completed.")
            % {"score": result.score, "total": result.out_of, "module": module.name},
        )
    return redirect("participant:training", slug=slug)


@login_required
@require_GET
def mentors_training(request, slug):
    """Every open mentor of the program with their status on each required module."""
    program = get_program_for_supervisor(request.user, slug)
    mentors = (
        program.enrolments.filter(
            role=Enrolment.Role.MENTOR,
            status__in=[Enrolment.Status.APPLIED, Enrolment.Status.ACCEPTED],
        )
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    page = Paginator(mentors, PER_PAGE).get_page(request.GET.get("page"))
    enrolments = list(page)
    completions: dict[int, list] = {}
    rows = TrainingCompletion.objects.filter(
        person__in=[e.person for e in enrolments]
    ).select_related("signed_off_by")
    for completion in rows:
        completions.setdefault(completion.person_id, []).append(completion)
    people = [
        (e, training.readiness(e.person, program, completions.get(e.person_id, [])))
        for e in enrolments
    ]
    context = {
        "program": program,
        "people": people,
        "page_obj": page,
        "query": "",
        "signoff": program.training_check == Program.TrainingCheck.SIGNOFF,
        "modules": sorted(program.required_modules.all(), key=lambda m: (m.position, m.slug)),
    }
    return render(request, "programs/training_mentors.html", context)


@login_required
@require_POST
def sign_off(request, slug, person_id, module_slug):
    program = get_program_for_supervisor(request.user, slug)
    enrolment = get_object_or_404(
        program.enrolments.select_related("person"),
        person_id=person_id,
        role=Enrolment.Role.MENTOR,
    )
    module = _module_of(program, module_slug)
    if program.training_check != Program.TrainingCheck.SIGNOFF:
        messages.error(request, _("In this program mentors complete modules with their quiz."))
    else:
        note = request.POST.get("note", "")
        try:
            training.sign_off(enrolment.person, module, actor=request.user, note=note)
        except ProgramsError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("“%(module)s” is signed off for %(name)s.")
                % {"module": module.name, "name": enrolment.person.full_name},
            )
    return redirect("programs:training", slug=program.slug)
