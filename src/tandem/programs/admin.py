from django.contrib import admin

from tandem.programs.models import Enrolment, Program, TrainingCompletion, TrainingModule


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "format", "start", "end", "sponsor"]
    list_filter = ["status", "format"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["topics", "required_modules", "managers", "coaches"]
    autocomplete_fields = ["sponsor", "renews"]
    list_select_related = ["sponsor"]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["person", "program", "role", "status", "capacity", "coach"]
    list_filter = ["program", "role", "status"]
    search_fields = ["person__full_name", "person__email", "program__name"]
    autocomplete_fields = ["person", "program", "coach"]
    raw_id_fields = ["preferred", "excluded"]
    list_select_related = ["person", "program", "coach"]


@admin.register(TrainingModule)
class TrainingModuleAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_en", "name_fr", "duration_minutes", "position"]
    search_fields = ["slug", "name_en", "name_fr"]


@admin.register(TrainingCompletion)
class TrainingCompletionAdmin(admin.ModelAdmin):
    list_display = ["person", "module", "completed_at"]
    list_filter = ["module"]
    search_fields = ["person__full_name", "person__email"]
    autocomplete_fields = ["person"]
    list_select_related = ["person", "module"]
