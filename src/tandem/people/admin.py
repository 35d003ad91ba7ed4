from django.contrib import admin

from tandem.accounts.admin_audit import AuditedReadAdmin
from tandem.people.models import (
    Competence,
    EndorsementRequest,
    LearningNeed,
    Organization,
    Person,
    Topic,
)
from tandem.people.services import deactivation


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class CompetenceInline(admin.TabularInline):
    model = Competence
    fk_name = "person"
    extra = 0
    autocomplete_fields = ["topic"]
    raw_id_fields = ["verified_by", "endorser"]


class LearningNeedInline(admin.TabularInline):
    model = LearningNeed
    extra = 0
    autocomplete_fields = ["topic"]


@admin.register(Person)
class PersonAdmin(AuditedReadAdmin, admin.ModelAdmin):
    audit_owner = "user_id"
    list_display = [
        "full_name",
        "email",
        "employee_id",
        "title",
        "department",
        "site",
        "organization",
    ]
    list_filter = ["organization", "department", "site", "is_active"]
    search_fields = ["full_name", "email", "employee_id"]
    autocomplete_fields = ["manager"]
    raw_id_fields = ["user"]
    list_select_related = ["organization"]
    readonly_fields = ["tree_pre", "tree_post", "tree_depth", "updated_at"]
    inlines = [CompetenceInline, LearningNeedInline]

    def save_model(self, request, obj, form, change):
        """Unticking "active" frees the person's partners, as the SCIM directory does."""
        leaving = (
            change
            and not obj.is_active
            and Person.objects.filter(pk=obj.pk, is_active=True).exists()
        )
        if leaving:
            obj.is_active = True
        super().save_model(request, obj, form, change)
        if leaving:
            deactivation.deactivate(obj, actor=request.user, source="admin")
            obj.is_active = False


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_en", "name_fr", "side", "is_active"]
    list_filter = ["side", "is_active"]
    search_fields = ["slug", "name_en", "name_fr"]


@admin.register(Competence)
class CompetenceAdmin(AuditedReadAdmin, admin.ModelAdmin):
    audit_owner = "person.user_id"
    list_display = ["person", "topic", "level", "evidence", "source", "evidence_date"]
    list_filter = ["evidence", "source", "level", "topic"]
    search_fields = ["person__full_name", "person__email", "topic__slug"]
    autocomplete_fields = ["person", "topic"]
    raw_id_fields = ["verified_by", "endorser"]
    list_select_related = ["person", "topic", "verified_by"]


@admin.register(LearningNeed)
class LearningNeedAdmin(AuditedReadAdmin, admin.ModelAdmin):
    audit_owner = "person.user_id"
    list_display = ["person", "topic", "priority", "current_level"]
    list_filter = ["priority", "topic"]
    search_fields = ["person__full_name", "person__email", "topic__slug"]
    autocomplete_fields = ["person", "topic"]
    list_select_related = ["person", "topic"]


@admin.register(EndorsementRequest)
class EndorsementRequestAdmin(AuditedReadAdmin, admin.ModelAdmin):
    audit_owner = "competence.person.user_id"
    list_display = ["competence", "colleague", "level", "status", "created_at", "answered_at"]
    list_filter = ["status"]
    search_fields = ["competence__person__full_name", "colleague__full_name"]
    raw_id_fields = ["competence", "colleague"]
    list_select_related = ["competence__person", "competence__topic", "colleague"]
