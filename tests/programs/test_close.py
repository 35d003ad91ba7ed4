"""Closing a program asks first and says what will happen: the status change, no email, what
becomes of the pairs still going."""

import time_machine
from django.core import mail

from tandem.mentorships.models import Mentorship
from tandem.programs.models import Program
from tests.insights import builders as b
from tests.mentorships.views_helpers import sign_in, text


@time_machine.travel("2026-03-02 10:00Z", tick=False)
def test_it_asks_before_closing_and_says_what_happens(client, cast):
    b.pair(cast.program, cast.mentor.person, cast.mentee.person)
    sign_in(client, cast.manager)
    program_page = text(client.get(f"/programs/{cast.program.slug}/"))
    assert f'href="/programs/{cast.program.slug}/close/"' in program_page
    page = text(client.get(f"/programs/{cast.program.slug}/close/"))
    assert "from “Running” to “Closed”" in page and "No email is sent" in page
    assert "Its 1 pair still going keeps meeting until the end date, 4 July 2026" in page
    url = f"/programs/{cast.program.slug}/status/"
    response = client.post(url, {"status": "closed"})
    assert response["Location"] == f"/programs/{cast.program.slug}/close/"
    cast.program.refresh_from_db()
    assert cast.program.status == Program.Status.RUNNING
    client.post(url, {"status": "closed", "confirm": "yes"})
    cast.program.refresh_from_db()
    assert cast.program.status == Program.Status.CLOSED
    assert Mentorship.objects.get().status == Mentorship.Status.ACTIVE and not mail.outbox


def test_it_offers_no_close_button_before_the_program_runs(client, cast):
    cast.program.status = Program.Status.RECRUITING
    cast.program.save()
    page = text(sign_in(client, cast.manager).get(f"/programs/{cast.program.slug}/close/"))
    assert "can be closed only while it is running" in page and "Close the program" not in page


@time_machine.travel("2026-08-02 10:00Z", tick=False)
def test_it_says_when_the_pairs_of_an_ended_program_are_completed(client, cast):
    b.pair(cast.program, cast.mentor.person, cast.mentee.person)
    page = text(sign_in(client, cast.manager).get(f"/programs/{cast.program.slug}/close/"))
    assert "The program ended on 4 July 2026: its 1 pair still going is completed" in page
