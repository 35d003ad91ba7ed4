"""Alerts close themselves when their cause is gone: a proposal answered (accepted or
declined), a meeting held, a goal set, a pair ended or completed. Insights listens to
mentorships' models; ``close_resolved`` costs one query for a pair without open alerts."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from tandem.insights.services.alerts import close_resolved
from tandem.mentorships.models import Goal, Meeting, Mentorship, Participant


def _touches(update_fields, *names) -> bool:
    return update_fields is None or bool(set(names) & set(update_fields))


@receiver(post_save, sender=Participant, dispatch_uid="insights.alerts.participant")
def participant_answered(sender, instance, created=False, raw=False, update_fields=None, **kw):
    if not (raw or created) and _touches(update_fields, "answer"):
        close_resolved(instance.mentorship_id)


@receiver(post_save, sender=Mentorship, dispatch_uid="insights.alerts.mentorship")
def mentorship_changed(sender, instance, created=False, raw=False, update_fields=None, **kw):
    if not (raw or created) and _touches(update_fields, "status"):
        close_resolved(instance.pk)


@receiver(post_save, sender=Meeting, dispatch_uid="insights.alerts.meeting")
def meeting_changed(sender, instance, created=False, raw=False, update_fields=None, **kw):
    if not raw and _touches(update_fields, "status", "starts_at"):
        close_resolved(instance.mentorship_id)


@receiver(post_save, sender=Goal, dispatch_uid="insights.alerts.goal")
def goal_changed(sender, instance, raw=False, update_fields=None, **kw):
    if not raw and _touches(update_fields, "status"):
        close_resolved(instance.mentorship_id)
