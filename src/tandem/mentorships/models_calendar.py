"""What calendars say back about meetings: each participant's answer to an invitation (from
an iTIP REPLY forwarded to Tandem or uploaded), and the video room a pair meets in."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MeetingReply(models.Model):
    class Answer(models.TextChoices):
        ACCEPTED = "accepted", pgettext_lazy("invitation answer", "Accepted")
        TENTATIVE = "tentative", _("Tentative")
        DECLINED = "declined", pgettext_lazy("invitation answer", "Declined")

    class Source(models.TextChoices):
        EMAIL = "email", _("Reply by email")
        UPLOAD = "upload", _("Reply uploaded")

    meeting = models.ForeignKey(
        "mentorships.Meeting", on_delete=models.CASCADE, related_name="replies"
    )
    participant = models.ForeignKey(
        "mentorships.Participant", on_delete=models.CASCADE, related_name="meeting_replies"
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    sequence = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=8, choices=Source.choices)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "participant"], name="one_reply_per_meeting_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} {self.answer} meeting {self.meeting_id}"


class VideoLink(models.Model):
    mentorship = models.OneToOneField(
        "mentorships.Mentorship", on_delete=models.CASCADE, related_name="video_link"
    )
    url = models.URLField(_("video room"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"video room of {self.mentorship_id}"
