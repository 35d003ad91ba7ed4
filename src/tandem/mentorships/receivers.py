"""Turn published matching proposals into mentorships (matching sits below mentorships, so it
announces the publication with a signal and this app does the writing)."""

from django.dispatch import receiver

from tandem.matching.build.pairsets import going_groups
from tandem.matching.models import MatchingRun
from tandem.matching.signals import proposals_published
from tandem.mentorships.models import Mentorship, Participant
from tandem.mentorships.services.departure import leave_everything
from tandem.mentorships.services.notifications import notify_proposed
from tandem.mentorships.services.requests import close_for_placed
from tandem.people.signals import person_deactivated


@receiver(proposals_published, sender=MatchingRun, dispatch_uid="mentorships.from_proposals")
def create_mentorships(sender, run, proposals, **kwargs) -> list[Mentorship]:
    """One proposed mentorship per proposal, its people waiting for their answer.

    Idempotent: a run whose mentorships exist creates none again, and a proposal repeating a
    mentorship still going (a re-run keeps those pairs) is not created twice. Everyone
    proposed is emailed once the publication commits.
    """
    if Mentorship.objects.filter(program_id=run.program_id, source_run_id=run.pk).exists():
        return []
    going = going_groups(run.program_id)
    proposals = [p for p in proposals if frozenset(p.mentees + p.mentors) not in going]
    mentorships = Mentorship.objects.bulk_create(
        [
            Mentorship(
                program_id=run.program_id,
                status=Mentorship.Status.PROPOSED,
                score=p.score,
                reasons=list(p.reasons),
                details=p.details if isinstance(p.details, dict) else {},
                source_run_id=run.pk,
            )
            for p in proposals
        ],
        batch_size=2000,
    )
    participants = [
        Participant(mentorship_id=m.pk, person_id=person_id, role=role)
        for m, p in zip(mentorships, proposals, strict=True)
        for role, people in (
            (Participant.Role.MENTEE, p.mentees),
            (Participant.Role.MENTOR, p.mentors),
        )
        for person_id in people
    ]
    Participant.objects.bulk_create(participants, batch_size=5000)
    notify_proposed(m.pk for m in mentorships)
    close_for_placed(run.program_id, (m for p in proposals for m in p.mentees))
    return mentorships


@receiver(person_deactivated, dispatch_uid="mentorships.person_left")
def free_partners(sender, person, actor=None, source="", **kwargs) -> None:
    """A deactivated person leaves their proposals and mentorships (``departure``)."""
    leave_everything(person, actor=actor, source=source)
