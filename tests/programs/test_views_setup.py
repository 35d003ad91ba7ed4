"""Creating a program step by step: a draft at step 1, then one step at a time."""

import pytest
from django.urls import reverse

from tandem.accounts.models import AuditEvent
from tandem.people.models import Evidence, Topic
from tandem.programs.models import Program, TrainingModule
from tandem.programs.weights import MatchingWeights
from tests import factories as f


@pytest.fixture
def hr(client, cast):
    client.force_login(cast.manager)
    return client


def _step(slug, step):
    return reverse("programs:setup", args=[slug, step])


def test_it_saves_a_draft_at_step_one_and_makes_the_creator_its_manager(hr, cast):
    response = hr.post(
        reverse("programs:new"),
        {"name": "Cyber reflexes 2027", "objective": "Fewer phishing clicks", "action": "next"},
    )
    program = Program.objects.get(name="Cyber reflexes 2027")
    assert response.url == _step(program.slug, "topics")
    assert program.status == Program.Status.DRAFT
    assert program.objective == "Fewer phishing clicks"
    assert list(program.managers.all()) == [cast.manager]


def test_it_walks_every_step_and_keeps_what_was_entered(hr, cast):
    program = cast.program
    genai, cyber = Topic.objects.get(slug="genai"), Topic.objects.get(slug="cyber")
    module = TrainingModule.objects.first()
    steps = {
        "topics": {"topics": [genai.pk, cyber.pk], "format": "circle", "circle_size": 3},
        "dates": {
            "start": "2027-01-04",
            "end": "2027-06-30",
            "cadence_days": 14,
            "meeting_minutes": 45,
            "inactivity_days": 45,
            "inactivity_grace_days": 5,
            "inactivity_notice_days": 10,
        },
        "charter": {
            "confidentiality": "Stays in the pair",
            "authorised_subjects": "Tools",
            "deliverables": "A demo",
            "progression_criteria": "Uses the tool weekly",
        },
        "training": {
            "require_training": "on",
            "training_check": "signoff",
            "required_modules": [module.pk],
            "min_evidence": 2,
            "evidence_months": 24,
            "reporting_distance": 3,
        },
    }
    for step, data in steps.items():
        response = hr.post(_step(program.slug, step), {**data, "action": "next"})
        assert response.status_code == 302, response.content.decode()[:2000]
    program.refresh_from_db()
    assert set(program.topics.all()) == {genai, cyber}
    assert program.format == "circle" and program.cadence_days == 14
    assert (program.inactivity_days, program.inactivity_grace_days) == (45, 5)
    assert program.inactivity_notice_days == 10
    assert str(program.end) == "2027-06-30" and program.deliverables == "A demo"
    assert list(program.required_modules.all()) == [module] and program.min_evidence == 2
    assert program.training_check == "signoff" and program.evidence_months == 24
    # Back on the dates step, the saved values are shown
    assert 'value="2027-01-04"' in hr.get(_step(program.slug, "dates")).content.decode()
    assert (
        AuditEvent.objects.filter(action="program.update", object_id=str(program.pk)).count() == 4
    )


def test_it_saves_the_weights_as_numbers_per_key(hr, cast):
    program = cast.program
    response = hr.get(_step(program.slug, "weights"))
    form = response.context["form"]
    data = {name: form.initial[name] for name in form.fields}
    data.update({"other_site": 99, "priority_2": 7, "level_4": 9, "evidence_3": 8})
    response = hr.post(_step(program.slug, "weights"), {**data, "action": "finish"})
    assert response.url == reverse("programs:detail", args=[program.slug])
    program.refresh_from_db()
    weights = program.effective_weights()
    assert set(weights) == set(MatchingWeights.model_fields)
    assert weights["other_site"] == 99 and weights["priority"][2] == 7
    assert weights["level"] == [0, 1, 2, 3, 9] and weights["evidence"][3] == 8


def test_it_shows_errors_next_to_fields_and_keeps_the_input(hr, cast):
    response = hr.post(
        _step(cast.program.slug, "dates"),
        {"start": "2027-06-30", "end": "2027-01-01", "cadence_days": "abc", "meeting_minutes": 5},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_end-error"' in body and 'aria-describedby="id_end-error"' in body
    assert 'id="id_cadence_days-error"' in body
    assert 'value="2027-06-30"' in body and 'value="abc"' in body
    cast.program.refresh_from_db()
    assert str(cast.program.start) == "2026-01-05"


def test_it_refuses_an_empty_topic_list(hr, cast):
    response = hr.post(
        _step(cast.program.slug, "topics"),
        {"format": "one-to-one", "circle_size": 3, "action": "next"},
    )
    assert response.status_code == 400
    assert "Choose at least one topic." in response.content.decode()


def test_it_goes_back_a_step(hr, cast):
    response = hr.post(
        _step(cast.program.slug, "charter"),
        {"confidentiality": "x", "action": "back"},
    )
    assert response.url == _step(cast.program.slug, "dates")


def test_it_hides_an_unknown_step_and_others_programs(client, cast):
    client.force_login(cast.manager)
    assert client.get(_step(cast.program.slug, "nope")).status_code == 404
    client.force_login(cast.outsider)
    assert client.get(_step(cast.program.slug, "dates")).status_code == 404
    assert client.get(reverse("programs:new")).status_code == 404


def test_a_new_program_asks_for_endorsed_mentors_and_the_seeded_modules(hr, cast):
    hr.post(reverse("programs:new"), {"name": "Data 2027", "objective": "", "action": "next"})
    program = Program.objects.get(name="Data 2027")
    assert program.min_evidence == Evidence.ENDORSED and program.evidence_months is None
    assert program.require_training and program.training_check == "quiz"
    assert set(program.required_modules.all()) == set(TrainingModule.objects.all())
    cast.program.refresh_from_db()
    assert cast.program.min_evidence == Evidence.SELF  # an existing program keeps its own


def test_it_refuses_training_without_a_module(hr, cast):
    data = {
        "require_training": "on",
        "training_check": "quiz",
        "min_evidence": 1,
        "reporting_distance": 2,
        "action": "finish",
    }
    response = hr.post(_step(cast.program.slug, "training"), data)
    assert response.status_code == 400
    assert "needs at least one module" in response.content.decode()
    data.pop("require_training")
    assert hr.post(_step(cast.program.slug, "training"), data).status_code == 302
    cast.program.refresh_from_db()
    assert not cast.program.require_training


def test_the_team_step_sets_managers_coaches_sponsor_and_renewal(hr, cast):
    program, old = cast.program, f.program("Cohort 2025", slug="cohort-2025")
    old.managers.add(cast.manager)
    coach = f.person("Nina Coach", email="nina@example.com")
    response = hr.get(_step(program.slug, "team"))
    assert cast.manager.email in response.content.decode()
    data = {
        "managers": f"{cast.manager.email}\n{cast.other_member.email}",
        "coaches": "nina@example.com, " + cast.coach.email,
        "sponsor": cast.sponsor.email,
        "renews": old.pk,
        "action": "finish",
    }
    assert hr.post(_step(program.slug, "team"), data).status_code == 302
    program.refresh_from_db()
    assert set(program.managers.all()) == {cast.manager, cast.other_member}
    assert set(program.coaches.all()) == {coach, cast.coach.person}
    assert program.renews == old
    event = AuditEvent.objects.get(action="program.managers_changed", object_id=str(program.pk))
    assert event.details["added"] == [cast.other_member.pk]


def test_the_team_step_names_an_unknown_email(hr, cast):
    data = {"managers": "nobody@example.com", "coaches": "", "sponsor": "", "action": "finish"}
    response = hr.post(_step(cast.program.slug, "team"), data)
    assert response.status_code == 400
    assert "nobody@example.com" in response.content.decode()
    person = f.person("No Account", email="noacc@example.com")
    data["managers"] = person.email
    response = hr.post(_step(cast.program.slug, "team"), data)
    assert "has no Tandem account yet" in response.content.decode()
    assert list(cast.program.managers.all()) == [cast.manager]
