"""One meaning of "manager": a program's own managers (and superusers) manage it. The global
HR flag (``is_program_manager``) lets one create programs, not read other programs' pairs."""

import pytest
from django.http import Http404

from tandem.matching.services.run import run_matching
from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.permissions import get_mentorship_for
from tandem.mentorships.services import lifecycle
from tandem.mentorships.services.coaching import supervised
from tandem.programs.permissions import is_program_manager_of
from tests import factories as f
from tests.factories import participant, propose_pair
from tests.mentorships.views_helpers import sign_in, superuser


@pytest.fixture
def hr_elsewhere(cast):
    """An HR program manager (global flag) who manages another program, not the cast's."""
    user = f.person("Nora Blanc", department="HR", with_user=True).user
    user.is_program_manager = True
    user.save()
    f.program("Cyber reflexes", slug="cyber-reflexes").managers.add(user)
    return user


@pytest.fixture
def declined(cast, clock):
    mentorship = propose_pair(cast)
    lifecycle.decline_proposal(participant(mentorship, cast.mentee), cast.mentee, "Too junior")
    return mentorship


def test_it_does_not_let_the_global_flag_manage_every_program(cast, hr_elsewhere):
    assert not is_program_manager_of(hr_elsewhere, cast.program)
    assert is_program_manager_of(cast.manager, cast.program)
    assert is_program_manager_of(superuser(), cast.program)


def test_it_hides_decline_reasons_from_another_programs_manager(cast, hr_elsewhere, declined):
    with pytest.raises(MentorshipError):
        lifecycle.manager_summary(hr_elsewhere, declined)
    with pytest.raises(Http404):
        get_mentorship_for(hr_elsewhere, declined.pk)
    summary = lifecycle.manager_summary(cast.manager, declined)
    assert summary["decline_reasons"] == {"Jean Moreau": "Too junior"}


def test_it_answers_404_on_the_pages_and_api_of_another_program(
    client, cast, hr_elsewhere, declined
):
    sign_in(client, hr_elsewhere)
    assert client.get(f"/api/v1/mentorships/{declined.pk}").status_code == 404
    assert client.get(f"/programs/{cast.program.slug}/").status_code == 404
    run = run_matching(cast.program, dry_run=True).run
    assert client.get(f"/programs/{cast.program.slug}/matching/runs/{run.pk}/").status_code == 404
    sign_in(client, cast.manager)
    assert client.get(f"/api/v1/mentorships/{declined.pk}").status_code == 200


def test_it_leaves_other_programs_out_of_the_supervised_pairs(cast, hr_elsewhere, declined):
    assert list(supervised(hr_elsewhere)) == []
    assert [m.pk for m in supervised(cast.manager)] == [declined.pk]


def test_it_refuses_a_hand_made_mentorship_from_another_programs_manager(cast, hr_elsewhere):
    with pytest.raises(MentorshipError, match="managers"):
        lifecycle.create_mentorship(
            cast.program, [cast.mentor.person], [cast.mentee.person], hr_elsewhere
        )
