from django import forms
from django.contrib import admin

from tandem.accounts.admin_audit import AuditedReadAdmin
from tandem.accounts.audit import record, record_set_change
from tandem.accounts.forms import CleanTextMixin
from tandem.programs.forms import RequiredModulesMixin
from tandem.programs.models import (
    Enrolment,
    Program,
    TrainingCompletion,
    TrainingModule,
    TrainingQuestion,
)

# Enrolment fields whose change moves someone's rights in a program.
ENROLMENT_RIGHTS = ("role", "status", "coach")


def _pks(values) -> set:
    """Primary keys of a form's initial (objects) or cleaned (queryset) many-to-many value."""
    return {getattr(value, "pk", value) for value in values or ()}


class ProgramAdminForm(CleanTextMixin, RequiredModulesMixin, forms.ModelForm):
    """The admin refuses what the pages refuse: training required without a module (the admin
    gives the model and fields)."""


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    form = ProgramAdminForm
    list_display = ["name", "status", "format", "start", "end", "sponsor"]
    list_filter = ["status", "format"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["topics", "required_modules", "managers", "coaches"]
    autocomplete_fields = ["sponsor", "renews"]
    list_select_related = ["sponsor"]

    def save_related(self, request, form, formsets, change):
        """Managers, coaches and the sponsor decide who sees what: each change is audited
        with before and after (the form's initial values, so nothing is read again)."""
        super().save_related(request, form, formsets, change)
        program, data = form.instance, form.cleaned_data
        for name in ("managers", "coaches"):
            if name in data:
                before, after = _pks(form.initial.get(name)), _pks(data[name])
                record_set_change(
                    request.user, f"program.{name}_changed", program, before, after, via="admin"
                )
        if "sponsor" in form.changed_data:
            before, after = form.initial.get("sponsor"), data.get("sponsor")
            record(
                request.user,
                "program.sponsor_changed",
                program,
                before=before,
                after=getattr(after, "pk", None),
                via="admin",
            )


@admin.register(Enrolment)
class EnrolmentAdmin(AuditedReadAdmin, admin.ModelAdmin):
    audit_owner = "person.user_id"
    list_display = ["person", "program", "role", "status", "capacity", "coach"]
    list_filter = ["program", "role", "status"]
    search_fields = ["person__full_name", "person__email", "program__name"]
    autocomplete_fields = ["person", "program", "coach"]
    raw_id_fields = ["preferred", "excluded"]
    list_select_related = ["person", "program", "coach"]

    def save_model(self, request, obj, form, change):
        """A role, status or coach changed here is audited with before → after."""
        super().save_model(request, obj, form, change)
        changes = {
            name: [form.initial.get(name), getattr(obj, f"{name}_id" if name == "coach" else name)]
            for name in ENROLMENT_RIGHTS
            if name in form.changed_data
        }
        if change and changes:
            record(request.user, "enrolment.rights_changed", obj, changes=changes, via="admin")


class TrainingQuestionInline(admin.StackedInline):
    """The module's quiz: each question in English and French, its choices as JSON
    (``[{"en": …, "fr": …, "correct": true}, …]``)."""

    model = TrainingQuestion
    extra = 0


@admin.register(TrainingModule)
class TrainingModuleAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_en", "name_fr", "duration_minutes", "pass_mark", "position"]
    search_fields = ["slug", "name_en", "name_fr"]
    inlines = [TrainingQuestionInline]


@admin.register(TrainingCompletion)
class TrainingCompletionAdmin(AuditedReadAdmin, admin.ModelAdmin):
    audit_owner = "person.user_id"
    list_display = ["person", "module", "method", "score", "signed_off_by", "completed_at"]
    list_filter = ["module", "method"]
    search_fields = ["person__full_name", "person__email"]
    autocomplete_fields = ["person"]
    list_select_related = ["person", "module"]
