"""The migrations keep no unsourced evidence: competences verified before provenance become
"recorded before provenance" (dated by their verification), and training completed with a
click before modules had checks is kept as such, counting for no program."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import factories as f


def _apps_at(*targets):
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets))
    executor.loader.build_graph()
    return executor.loader.project_state(list(targets)).apps


@pytest.mark.django_db(transaction=True)  # runs among the transactional tests, which seed
def test_existing_competences_and_completions_keep_a_source():
    f.seed_reference_data()  # an earlier transactional test may have flushed them
    try:
        _check_the_migrations()
    finally:  # whatever happens, the next tests find the schema they expect
        call_command("migrate", verbosity=0)


def _check_the_migrations():
    old = _apps_at(("people", "0005_competence_provenance"), ("programs", "0006_scheduled_status"))
    Organization = old.get_model("people", "Organization")
    Person = old.get_model("people", "Person")
    Topic = old.get_model("people", "Topic")
    Competence = old.get_model("people", "Competence")
    Module = old.get_model("programs", "TrainingModule")
    Completion = old.get_model("programs", "TrainingCompletion")
    org = Organization.objects.create(name="Old Co", slug="old-co")
    person = Person.objects.create(
        employee_id="X1", email="x1@old.example", full_name="X", organization=org
    )
    genai, cyber, csr = (Topic.objects.get(slug=s) for s in ("genai", "cyber", "csr"))
    verified = dt.datetime(2025, 4, 2, 10, tzinfo=dt.UTC)
    Competence.objects.create(person=person, topic=genai, level=3, evidence=2, verified_at=verified)
    Competence.objects.create(person=person, topic=cyber, level=2, evidence=3)
    Competence.objects.create(person=person, topic=csr, level=1, evidence=0)
    Completion.objects.create(person=person, module=Module.objects.first(), completed_at=verified)

    call_command("migrate", verbosity=0)

    from tandem.people.models import Competence as Now
    from tandem.programs.models import TrainingCompletion

    rows = {c.topic.slug: c for c in Now.objects.filter(person__employee_id="X1")}
    assert (rows["genai"].source, rows["genai"].evidence_date) == ("legacy", dt.date(2025, 4, 2))
    assert (rows["cyber"].source, rows["cyber"].evidence_date) == ("legacy", None)
    assert rows["csr"].source == "self"
    assert rows["genai"].source_text == "recorded before provenance (2 April 2025)"  # en dates
    assert TrainingCompletion.objects.get(person__employee_id="X1").method == "legacy"
