"""Calendars on a pair's pages: the answers to a meeting's invitation (and uploading one's own
answer file), and the pair's video room. Participants only."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tandem.accounts.forms import CleanTextMixin
from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import Meeting, MeetingReply, VideoLink
from tandem.mentorships.permissions import get_pair_meeting_for, require_participant
from tandem.mentorships.services import itip
from tandem.mentorships.services.itip_replies import MAX_BYTES, apply_reply
from tandem.mentorships.views.common import my_mentorship, signed_in
from tandem.programs.services.integrations import integration_of


class ReplyForm(CleanTextMixin, forms.Form):
    reply = forms.FileField(label=gettext_lazy("Your calendar's answer (.ics)"))


class VideoLinkForm(CleanTextMixin, forms.Form):
    url = forms.URLField(
        label=gettext_lazy("Video room address"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Teams, Meet, Zoom… Leave empty to use the program's room."),
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if url and not url.startswith("https://"):
            raise forms.ValidationError(_("Give an https:// address."))
        return url


def meeting_context(meeting: Meeting) -> dict:
    """What the meeting page shows of calendars: the video room, and each participant's
    answer when the program sends invitations."""
    mentorship = meeting.mentorship
    invitations = integration_of(mentorship.program).calendar_invitations
    replies = []
    if invitations:
        answers = {r.participant_id: r for r in MeetingReply.objects.filter(meeting=meeting)}
        people = mentorship.participants.select_related("person").order_by("role", "pk")
        replies = [(p, answers.get(p.pk)) for p in people if p.answer != "declined"]
    return {
        "video_link": itip.video_link(mentorship),
        "invitations": invitations,
        "replies": replies,
        "reply_form": ReplyForm(),
    }


def mentorship_context(mentorship) -> dict:
    try:
        own = mentorship.video_link.url
    except VideoLink.DoesNotExist:
        own = ""
    return {
        "video_link": itip.video_link(mentorship),
        "video_form": VideoLinkForm(initial={"url": own}),
    }


@require_POST
@signed_in
def upload_reply(request, pk: int):
    meeting = get_pair_meeting_for(request.user, pk)
    me = require_participant(request.user, meeting.mentorship)
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the .ics file your calendar saved."))
        return redirect("mentorships:meeting", pk=meeting.pk)
    try:
        data = form.cleaned_data["reply"].read(MAX_BYTES + 1)
        outcomes = apply_reply(data, sender=me.person.email, source=MeetingReply.Source.UPLOAD)
    except MentorshipError as error:
        messages.error(request, str(error))
        return redirect("mentorships:meeting", pk=meeting.pk)
    mine = [o for o in outcomes if o.applied and o.meeting_id == meeting.pk]
    if mine:
        messages.success(request, _("Your answer is recorded: %(a)s.") % {"a": mine[-1].message})
    else:
        reason = outcomes[0].message if outcomes else _("no answer found")
        messages.error(
            request, _("This file has no answer of yours to this meeting (%(r)s).") % {"r": reason}
        )
    return redirect("mentorships:meeting", pk=meeting.pk)


@require_POST
@signed_in
def set_video_link(request, pk: int):
    mentorship, _me = my_mentorship(request, pk)
    form = VideoLinkForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("url", []):
            messages.error(request, error)
        return redirect("mentorships:detail", pk=mentorship.pk)
    VideoLink.objects.update_or_create(
        mentorship=mentorship, defaults={"url": form.cleaned_data["url"]}
    )
    messages.success(request, _("The pair's video room is saved."))
    return redirect("mentorships:detail", pk=mentorship.pk)
