"""Insights in the admin, for support: surveys and their questions (texts can be corrected),
who owes which survey, health alerts and the meetings-per-month summary.

What is computed (dues, alerts, the summaries and their marks, the stored reports) is
read-only: the services own it and would overwrite or contradict a hand edit. Answers and
their before/after pairs are not registered at all: they are personal and leave their author
only as aggregates over at least 5 people.
"""

from django.contrib import admin

from tandem.insights.models import (
    Alert,
    ImpactReport,
    MeetingMonth,
    Question,
    StaleMentorship,
    Survey,
    SurveyDue,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable by superusers, never added, changed or deleted by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "key", "kind", "per_topic", "builtin", "text_en", "text_fr"]
    readonly_fields = ["key", "kind", "per_topic", "builtin"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # managers add questions on the program's page (validated, audited)


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    """Created with their built-in questions on first use; only question texts change."""

    list_display = ["program", "moment", "role"]
    list_filter = ["moment", "role", "program"]
    list_select_related = ["program"]
    readonly_fields = ["program", "moment", "role"]
    inlines = [QuestionInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """The texts may be corrected; what answers depend on (key, kind, topic) may not."""

    list_display = ["text_en", "survey", "kind", "builtin", "per_topic"]
    list_filter = ["builtin", "kind", "survey__moment", "survey__role"]
    search_fields = ["text_en", "text_fr", "key"]
    list_select_related = ["survey__program"]
    fields = [
        "survey",
        "key",
        "kind",
        "per_topic",
        "builtin",
        "created_by",
        "position",
        "text_en",
        "text_fr",
    ]
    readonly_fields = ["survey", "key", "kind", "per_topic", "builtin", "created_by"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SurveyDue)
class SurveyDueAdmin(ReadOnlyAdmin):
    """Who owes which survey and whether it was answered; never the answers."""

    list_display = ["survey", "person", "mentorship_id", "due_on", "answered_at"]
    list_filter = ["survey__moment", "survey__role", "survey__program"]
    search_fields = ["person__full_name", "person__email"]
    list_select_related = ["survey__program", "person"]
    fields = ["survey", "person", "mentorship", "due_on", "answered_at"]
    date_hierarchy = "due_on"


@admin.register(Alert)
class AlertAdmin(ReadOnlyAdmin):
    """Opened and closed by ``refresh_alerts`` as the pairs' meetings happen."""

    list_display = ["kind", "program", "mentorship_id", "opened_at", "closed_at"]
    list_filter = ["kind", "program"]
    list_select_related = ["program"]
    fields = ["program", "mentorship", "kind", "opened_at", "closed_at"]
    date_hierarchy = "opened_at"


@admin.register(MeetingMonth)
class MeetingMonthAdmin(ReadOnlyAdmin):
    """The dashboard's summary; ``tandem rebuild-insights`` recomputes it."""

    list_display = [
        "mentorship_id",
        "month",
        "held",
        "missed",
        "planned",
        "cancelled",
        "logs",
        "learned",
    ]
    list_filter = ["program"]
    fields = ["program", "mentorship", "month", *list_display[2:]]
    date_hierarchy = "month"
    show_full_result_count = False  # a large program has hundreds of thousands of rows


@admin.register(StaleMentorship)
class StaleMentorshipAdmin(ReadOnlyAdmin):
    """Mentorships whose summary is recomputed after the change that marked them."""

    list_display = ["mentorship_id", "marked_at"]
    fields = ["mentorship", "marked_at"]


@admin.register(ImpactReport)
class ImpactReportAdmin(ReadOnlyAdmin):
    """Reports built in the background, kept a week; downloaded from the dashboard's page."""

    list_display = ["program", "requested_by", "language", "created_at"]
    list_filter = ["program"]
    list_select_related = ["program", "requested_by"]
    fields = ["program", "requested_by", "language", "created_at"]
