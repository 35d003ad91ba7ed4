"""The matching time budget (issue 17): ``tandem match --time-limit``, the program's setting
for runs started from the site or the API, and what a run that ran out of time says."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tandem.matching.engine._incumbent import Clock
from tandem.matching.models import MatchingRun
from tandem.programs.models import MATCHING_TIME_LIMIT, Program
from tests import factories as f
from tests.matching import helpers as h


def _match(*args) -> dict:
    out = io.StringIO()
    call_command("match", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def no_time(monkeypatch):
    """Any run with a budget finds it spent at once (no race with a real clock)."""
    monkeypatch.setattr(Clock, "out", lambda clock: clock.limit is not None)


@pytest.fixture
def spring(db, client):
    manager = f.person("Hélène HR", with_user=True).user
    prog = h.program("spring", status=Program.Status.MATCHING)
    prog.managers.add(manager)
    for k in range(3):
        h.mentee(prog, f"Mentee {k}", department="Finance")
        h.mentor(prog, f"Mentor {k}", department="Digital")
    client.force_login(manager)
    return client, prog


def test_the_command_has_no_limit_unless_asked_whatever_the_program_says(cast):
    assert cast.program.matching_time_limit == MATCHING_TIME_LIMIT == 60
    totals = _match(cast.program.slug)["totals"]
    assert totals["time_limit"] is None and totals["stopped_by"] == "optimal"
    totals = _match(cast.program.slug, "--time-limit", "2.5")["totals"]
    assert totals["time_limit"] == 2.5 and totals["stopped_by"] == "optimal"


def test_a_command_out_of_time_returns_what_it_has_and_says_so(cast, no_time):
    data = _match(cast.program.slug, "--time-limit", "30")
    totals = data["totals"]
    assert totals["stopped_by"] == "time_limit" and totals["time_limit"] == 30
    assert not totals["optimal_certified"] and totals["bound_score"] >= totals["score"]
    assert data["pairs"] == [] and MatchingRun.objects.get().totals == totals


@pytest.mark.parametrize("value", ["0", "-3", "abc", "nan", "inf"])
def test_the_command_refuses_a_time_limit_that_is_not_a_positive_number(cast, value):
    with pytest.raises(CommandError, match="not a positive number of seconds"):
        _match(cast.program.slug, "--time-limit", value)
    assert not MatchingRun.objects.exists()


def test_a_run_from_the_site_takes_the_programs_budget(spring):
    client, prog = spring
    for budget in (7, None):
        prog.matching_time_limit = budget
        prog.save(update_fields=["matching_time_limit"])
        client.post(reverse("matching:start", args=[prog.slug]))
        run = MatchingRun.objects.filter(program=prog).latest("id")
        assert run.totals["time_limit"] == budget and run.totals["stopped_by"] == "optimal"


def test_a_page_says_when_the_budget_ran_out_and_where_to_raise_it(spring, no_time):
    client, prog = spring
    response = client.post(reverse("matching:start", args=[prog.slug]), {"dry_run": "on"})
    body = response.content.decode()
    assert "The time budget (60 s) ran out" in body
    assert reverse("programs:setup", args=[prog.slug, "weights"]) in body
    client.post(reverse("matching:start", args=[prog.slug]))
    run = MatchingRun.objects.filter(program=prog).latest("id")
    page = client.get(reverse("matching:run", args=[prog.slug, run.pk])).content.decode()
    assert "The time budget (60 s) ran out" in page


def test_the_weights_step_sets_the_budget_and_refuses_nonsense(client, cast):
    client.force_login(cast.manager)
    url = reverse("programs:setup", args=[cast.program.slug, "weights"])
    form = client.get(url).context["form"]
    data = {name: form.initial[name] for name in form.fields if name != "version"}
    assert data["matching_time_limit"] == 60
    for sent, kept in (("120", 120), ("", None)):
        response = client.post(url, {**data, "matching_time_limit": sent, "action": "finish"})
        assert response.status_code == 302
        cast.program.refresh_from_db()
        assert cast.program.matching_time_limit == kept
    for bad in ("0", "3601", "ten"):
        response = client.post(url, {**data, "matching_time_limit": bad, "action": "finish"})
        assert response.status_code == 400
        assert 'id="id_matching_time_limit-error"' in response.content.decode()
    cast.program.refresh_from_db()
    assert cast.program.matching_time_limit is None
