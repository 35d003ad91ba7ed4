"""The project format: a pair's project starts with it (the charter's deliverables as its
milestones, due until the final presentation), the pair writes and ticks it off, managers
and coaches see its status, counts and dates but no text."""

import datetime as dt

import pytest
from django.urls import reverse

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import Mentorship, Project
from tandem.mentorships.services import lifecycle, projects
from tandem.programs.models import Enrolment, Program
from tests import factories as f
from tests.factories import accept_all, propose_pair, sign_all


@pytest.fixture
def project_pair(cast, clock) -> Mentorship:
    program = cast.program
    program.format, program.circle_size = Program.Format.PROJECT, 1
    program.deliverables = "- A prompt library\n\nA 10-minute presentation to the committee"
    program.presentation_date = dt.date(2026, 6, 1)
    program.save()
    mentorship = sign_all(accept_all(propose_pair(cast)))
    assert mentorship.status == Mentorship.Status.ACTIVE
    return mentorship


def test_the_charters_deliverables_become_the_projects_milestones(project_pair):
    project = project_pair.project
    assert project.presentation_date == dt.date(2026, 6, 1)
    milestones = list(project.milestones.all())
    assert [m.title for m in milestones] == [
        "A prompt library",
        "A 10-minute presentation to the committee",
    ]
    assert milestones[0].due < milestones[1].due == dt.date(2026, 6, 1)
    assert projects.summary(project).status == Project.Status.NOT_STARTED


def test_another_format_starts_no_project(active_pair):
    assert not Project.objects.filter(mentorship=active_pair).exists()


def test_the_pair_writes_the_project_and_its_status_follows(project_pair, cast, clock):
    project = project_pair.project
    projects.update_project(project, cast.mentee, deliverable="A library of 30 prompts")
    first, second = project.milestones.all()
    projects.update_milestone(first, cast.mentor, done=True)
    assert projects.summary(project).status == Project.Status.ON_TRACK
    clock.move_to(dt.datetime(2026, 6, 2, 9, tzinfo=dt.UTC))
    assert projects.summary(project).status == Project.Status.LATE
    projects.update_project(project, cast.mentor, delivered=True)
    summary = projects.summary(project)
    assert (summary.status, summary.done, summary.total) == ("delivered", 1, 2)
    with pytest.raises(MentorshipError, match="between"):
        projects.update_project(project, cast.mentee, presentation_date=dt.date(2027, 1, 1))
    with pytest.raises(MentorshipError):
        projects.add_milestone(project, cast.manager, "A manager's idea")


def test_the_project_page_is_the_pairs_alone(client, project_pair, cast):
    page = reverse("mentorships:project", args=[project_pair.pk])
    client.force_login(cast.mentee)
    assert (
        "Open the project"
        in client.get(reverse("mentorships:detail", args=[project_pair.pk])).content.decode()
    )
    response = client.post(
        page, {"deliverable": "Thirty prompts", "presentation_date": "2026-05-29"}
    )
    assert response.status_code == 302
    project_pair.project.refresh_from_db()
    assert project_pair.project.deliverable == "Thirty prompts"
    client.post(
        reverse("mentorships:project-milestone-add", args=[project_pair.pk]),
        {"milestone-title": "Rehearsal", "milestone-due": "2026-05-20"},
    )
    step = project_pair.project.milestones.order_by("-position").first()
    assert step.title == "Rehearsal"  # encrypted: read back, never filtered on
    client.post(
        reverse("mentorships:project-milestone", args=[step.pk]),
        {
            f"m{step.pk}-title": "Dress rehearsal",
            f"m{step.pk}-due": "2026-05-21",
            f"m{step.pk}-done": "on",
        },
    )
    step.refresh_from_db()
    assert step.title == "Dress rehearsal" and step.done_at is not None
    assert "Dress rehearsal" in client.get(page).content.decode()
    for who in (cast.manager, cast.coach, cast.sponsor, cast.other_member):
        client.force_login(who)
        assert client.get(page).status_code == 404
        assert (
            client.post(reverse("mentorships:project-milestone-delete", args=[step.pk])).status_code
            == 404
        )
    pair_page = reverse("cockpit:pair", args=[cast.program.slug, project_pair.pk])
    for who in (cast.manager, cast.coach):  # the cockpit's page of the pair: status, no text
        client.force_login(who)
        text = client.get(pair_page).content.decode()
        assert "1 of 3 milestones done" in text and "Dress rehearsal" not in text


def test_a_project_circle_has_the_programs_team_size(cast, clock):
    program = cast.program
    program.format, program.circle_size = Program.Format.PROJECT, 2
    program.save()
    second = f.person("Sam Second", with_user=True)
    f.competence(second, "genai", 3, 2)
    f.enrol(second, program, Enrolment.Role.MENTOR)
    circle = lifecycle.create_mentorship(
        program, [cast.mentor.person, second], [cast.mentee.person], cast.manager
    )
    assert circle.participants.count() == 3
    third = f.person("Tom Third")
    f.enrol(third, program, Enrolment.Role.MENTOR)
    with pytest.raises(MentorshipError, match="at most 2 mentors"):
        lifecycle.create_mentorship(
            program,
            [cast.other_member.person, third, cast.mentor.person],
            [cast.mentee.person],
            cast.manager,
        )
