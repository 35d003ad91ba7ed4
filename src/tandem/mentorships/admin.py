from django.contrib import admin

from tandem.accounts.admin_audit import AuditedReadAdmin
from tandem.mentorships.models import Mentorship, Participant


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Mentorship)
class MentorshipAdmin(AuditedReadAdmin, admin.ModelAdmin):
    """Its change page names the participants: each opening is audited."""

    list_display = ["id", "program", "status", "score", "started_at", "ended_at"]
    list_filter = ["program", "status"]
    search_fields = ["participants__person__full_name", "participants__person__email"]
    list_select_related = ["program"]
    inlines = [ParticipantInline]
