"""What a SCIM directory's groups mean in programs (the pages of HR program managers who
manage the programs concerned): a rule per group name, program and role."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.accounts.forms import CleanTextMixin
from tandem.people.directories import Directory
from tandem.people.permissions import require_directory_manager
from tandem.programs.directory_groups import GroupMapping
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Program
from tandem.programs.permissions import managed_programs
from tandem.programs.services import directory_groups


class RuleForm(CleanTextMixin, forms.Form):
    group_name = forms.CharField(label=gettext_lazy("Group name in the directory"), max_length=255)
    kind = forms.ChoiceField(
        label=gettext_lazy("Its members become"), choices=GroupMapping.Kind.choices
    )
    program = forms.ModelChoiceField(
        label=gettext_lazy("In the program"), queryset=Program.objects.none()
    )

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs


def _managed_programs(user):
    return managed_programs(user).exclude(status=Program.Status.CLOSED)


@login_required
def group_rules(request, directory_id: int):
    require_directory_manager(request.user)
    directory = get_object_or_404(Directory, pk=directory_id)
    programs = _managed_programs(request.user)
    form = RuleForm(request.POST if request.method == "POST" else None, programs=programs)
    if request.method == "POST":
        if request.POST.get("remove"):
            return _remove(request, directory, request.POST["remove"])
        if form.is_valid():
            return _add(request, directory, form.cleaned_data)
    rules = directory.group_mappings.select_related("program").order_by("group_name", "pk")
    groups = {g.display_name.lower(): g for g in directory.groups.all()}
    context = {
        "directory": directory,
        "rules": [(rule, groups.get(rule.group_name.lower())) for rule in rules],
        "form": form,
        "managed": set(programs.values_list("pk", flat=True)),
    }
    return render(request, "programs/directory_groups.html", context)


def _add(request, directory: Directory, data: dict):
    try:
        directory_groups.add_mapping(
            directory, data["group_name"], data["program"], data["kind"], request.user
        )
    except ProgramsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Rule added and applied to the group's current members."))
    return HttpResponseRedirect(request.path)


def _remove(request, directory: Directory, pk: str):
    rule = get_object_or_404(GroupMapping, directory=directory, pk=pk if pk.isdecimal() else 0)
    try:
        directory_groups.remove_mapping(rule, request.user)
    except ProgramsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Rule removed: nobody loses what it gave them."))
    return HttpResponseRedirect(request.path)
