"""``tandem schedule PROGRAM`` plans the meetings of active mentorships."""

import io

import pytest
from django.core.management import CommandError, call_command

from tandem.mentorships.models import Meeting


def test_it_plans_the_remaining_meetings_of_a_program(active_pair, cast):
    active_pair.meetings.all().delete()
    out = io.StringIO()
    call_command("schedule", cast.program.slug, stdout=out)
    assert active_pair.meetings.filter(status=Meeting.Status.PLANNED).count() == 6
    assert "6 meetings planned now, 6 of them at a default time; 0 were already planned." in (
        out.getvalue()
    )
    again = io.StringIO()
    call_command("schedule", cast.program.slug, stdout=again)
    assert active_pair.meetings.count() == 6
    assert "0 meetings planned now, 0 of them at a default time; 6 were already planned." in (
        again.getvalue()
    )


def test_it_names_an_unknown_program(db):
    with pytest.raises(CommandError, match="nope"):
        call_command("schedule", "nope")
