"""Keep the dashboard's summaries exact: every change to a meeting, a log or an answer marks
its mentorship (``services.summary.mark``; ``submit_answers`` marks its own bulk insert).
Insights listens to mentorships' models; mentorships knows nothing of insights.

Deleting a mentorship, a program or a person deletes their summary rows with them (foreign
keys), so what is deleted along with them marks nothing: only deletions that start elsewhere
do. Ending or completing a mentorship cancels its future meetings with a bulk update, which
sends no signal: the mentorship's own save marks it.
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from tandem.insights.models import Answer, SurveyDue
from tandem.insights.services.summary import mark
from tandem.mentorships.models import Meeting, MeetingLog, Mentorship
from tandem.people.models import Person
from tandem.programs.models import Program

CASCADING = (Program, Mentorship, Person)  # their deletion takes the summary rows along

AFFECTING = {"starts_at", "status", "mentorship"}


def _pair_of(meeting_id: int) -> int | None:
    found = Meeting.objects.filter(pk=meeting_id).values_list("mentorship_id", flat=True)
    return next(iter(found), None)


def _started_from(origin, model) -> bool:
    return isinstance(origin, model) or getattr(origin, "model", None) is model


@receiver(post_save, sender=Meeting, dispatch_uid="insights.meeting_saved")
def meeting_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and not AFFECTING & set(update_fields)):
        return
    mark(instance.mentorship_id)


@receiver(post_delete, sender=Meeting, dispatch_uid="insights.meeting_deleted")
def meeting_deleted(sender, instance, origin=None, **kwargs):
    if _started_from(origin, Meeting):
        mark(instance.mentorship_id)


@receiver(post_save, sender=MeetingLog, dispatch_uid="insights.log_saved")
def log_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        mark(_pair_of(instance.meeting_id))


@receiver(post_delete, sender=MeetingLog, dispatch_uid="insights.log_deleted")
def log_deleted(sender, instance, origin=None, **kwargs):
    if _started_from(origin, MeetingLog):
        mark(_pair_of(instance.meeting_id))


@receiver(post_save, sender=Mentorship, dispatch_uid="insights.mentorship_saved")
def mentorship_saved(sender, instance, created=False, raw=False, **kwargs):
    if not (created or raw) and instance.status in (
        Mentorship.Status.COMPLETED,
        Mentorship.Status.ENDED,
    ):
        mark(instance.pk)


def _due_pair(due_id: int) -> int | None:
    found = SurveyDue.objects.filter(pk=due_id).values_list("mentorship_id", flat=True)
    return next(iter(found), None)


@receiver(post_save, sender=Answer, dispatch_uid="insights.answer_saved")
def answer_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        mark(_due_pair(instance.due_id))


@receiver(pre_delete, sender=Answer, dispatch_uid="insights.answer_deleted")
def answer_deleted(sender, instance, origin=None, **kwargs):
    """Before the deletion, while the due (and its mentorship) can still be read."""
    if not any(_started_from(origin, model) for model in CASCADING):
        mark(_due_pair(instance.due_id))
