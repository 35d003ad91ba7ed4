"""The demo's chat and calendar settings, to look at, never used: the GenAI program has a
Teams channel whose webhook is Microsoft's documentation page (not an address Tandem posts to,
and program channels are off unless ``TANDEM_CHAT_WEBHOOKS`` is set), sends calendar
invitations (to the console in development) and has a video room pattern; the showcase pair
chose chat for their notices (Slack is off unless a bot token is set, so they get email).

Set when the demo's transaction commits, after the invitations of the meetings it planned were
considered (none: the program did not send them yet), so building the demo sends nothing."""

from django.db import transaction

from tandem.mentorships.models import Participant
from tandem.people.models import ContactPreference
from tandem.programs.models import Program, ProgramIntegration

DOCUMENTATION_WEBHOOK = (
    "https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/"
    "how-to/add-incoming-webhook"
)
VIDEO_TEMPLATE = "https://meet.example.com/hexalis-{program}-{pair}"


def configure(slug: str) -> None:
    program = Program.objects.get(slug=slug)
    with transaction.atomic():
        ProgramIntegration.objects.update_or_create(
            program=program,
            defaults={
                "chat_kind": ProgramIntegration.ChatKind.TEAMS,
                "chat_webhook": DOCUMENTATION_WEBHOOK,
                "chat_language": "fr",
                "calendar_invitations": True,
                "video_template": VIDEO_TEMPLATE,
            },
        )
        showcase = (
            Participant.objects.filter(mentorship__program=program)
            .select_related("person")
            .order_by("mentorship_id", "role")[:2]
        )
        for participant, channel in zip(showcase, ("both", "chat"), strict=False):
            ContactPreference.objects.update_or_create(
                person=participant.person,
                defaults={"channel": channel, "slack_user": f"U0DEMO{participant.person_id}"},
            )
