"""Evidence above self-declared always has a source, whatever path wrote it: the profile
(form and API), the enrolment import (file and API), assessments, certifications,
endorsements, the admin, and the ORM itself (the database refuses a row without one).

A property test drives random sequences of those paths over a few competences and checks the
rule after every step."""

import datetime as dt
import io

import pytest
from django.contrib.admin.sites import site
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.people.errors import PeopleError
from tandem.people.models import Competence, Evidence, Source
from tandem.people.services import endorsements, profile, provenance
from tandem.people.services.competences import assess_competence, certify_competence
from tandem.programs.services.enrolment_import import import_enrolments
from tests import factories as f

WORDS = {0: "self", 1: "endorsed", 2: "assessed", 3: "certified"}


def assert_every_competence_has_a_source():
    for c in Competence.objects.select_related("endorser", "verified_by"):
        assert c.evidence in dict(provenance_levels())[c.source], (c.pk, c.evidence, c.source)
        if c.evidence > Evidence.SELF:
            assert c.source != Source.SELF
            assert c.evidence_date is not None or c.source == Source.LEGACY
            if c.source in (Source.ASSESSMENT, Source.CERTIFICATION, Source.HR_IMPORT):
                assert c.source_note.strip()
            assert provenance.describe(c) != "self-declared"
        else:
            assert c.source == Source.SELF


def provenance_levels():
    from tandem.people.models import SOURCE_EVIDENCE

    return SOURCE_EVIDENCE.items()


def _csv(eid: str, level: int, evidence: int) -> bytes:
    header = "employee_id,role,topics,capacity,languages,availability\n"
    return (header + f"{eid},mentor,genai:{level}:{WORDS[evidence]},1,fr,\n").encode()


def step(cast, action: str, level: int, evidence: int):
    """One path writing the mentor's "genai" competence (errors are refusals, not crashes)."""
    person = cast.mentor.person
    competence = Competence.objects.filter(person=person, topic__slug="genai").first()
    try:
        if action == "profile" and competence is not None:
            row = profile.CompetenceRow(competence.pk, competence.topic_id, level, evidence)
            profile.save_competences(person, [row], actor=cast.mentor)
        elif action == "import":
            data = io.BytesIO(_csv(person.employee_id, level, evidence))
            data.name = "hr.csv"
            import_enrolments(cast.program, data, actor=cast.manager)
        elif action == "assess" and competence is not None:
            assess_competence(competence, actor=cast.coach, note="Watched a session")
        elif action == "certify" and competence is not None:
            certify_competence(competence, actor=cast.manager, name="PIX", on=dt.date(2025, 1, 1))
        elif action == "endorse" and competence is not None:
            colleague = cast.outsider.person
            asked = endorsements.request_endorsement(competence, colleague, actor=cast.mentor)
            endorsements.answer_endorsement(asked, actor=cast.outsider, give=True)
    except PeopleError:
        pass


@pytest.mark.django_db
def test_every_path_keeps_a_source_for_evidence_above_self(cast):
    actions = st.sampled_from(["profile", "import", "assess", "certify", "endorse"])
    steps = st.lists(
        st.tuples(actions, st.integers(1, 4), st.integers(0, 3)), min_size=1, max_size=6
    )

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(steps)
    def check(sequence):
        with transaction.atomic():
            for action, level, evidence in sequence:
                step(cast, action, level, evidence)
                assert_every_competence_has_a_source()
            transaction.set_rollback(True)

    check()


@pytest.mark.parametrize(
    "fields",
    [
        {"evidence": Evidence.ASSESSED},  # no source at all
        {"evidence": Evidence.ASSESSED, "source": Source.ENDORSEMENT},  # the wrong one
        {"evidence": Evidence.ASSESSED, "source": Source.ASSESSMENT},  # no note, no date
        {"evidence": Evidence.CERTIFIED, "source": Source.CERTIFICATION, "source_note": "X"},
        {"evidence": Evidence.ENDORSED, "source": Source.ENDORSEMENT},  # undated
        {"evidence": Evidence.SELF, "source": Source.HR_IMPORT, "source_note": "x"},
    ],
)
def test_the_database_refuses_a_competence_without_its_source(cast, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Competence.objects.create(
            person=cast.outsider.person, topic=f.topic("cyber"), level=2, **fields
        )
    competence = f.competence(cast.outsider.person, "cyber", 2, 0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Competence.objects.filter(pk=competence.pk).update(evidence=Evidence.CERTIFIED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Competence.objects.bulk_create(
            [Competence(person=cast.mentee.person, topic=f.topic("cyber"), level=1, **fields)]
        )


def test_the_admin_explains_a_missing_source_instead_of_failing(admin_client, cast):
    competence = Competence.objects.get(person=cast.mentor.person, topic__slug="genai")
    url = f"/admin/people/competence/{competence.pk}/change/"
    data = {
        "person": competence.person_id,
        "topic": competence.topic_id,
        "level": 3,
        "evidence": Evidence.CERTIFIED,
        "source": Source.SELF,
        "source_note": "",
        "evidence_date": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "needs a matching source" in response.content.decode()
    competence.refresh_from_db()
    assert competence.evidence == Evidence.ASSESSED
    assert site._registry[Competence]  # the admin is the one registered


def test_a_person_only_declares_self_on_the_profile_form(client, cast):
    client.force_login(cast.mentor)
    competence = Competence.objects.get(person=cast.mentor.person, topic__slug="genai")
    data = {
        "competences-TOTAL_FORMS": "2",
        "competences-INITIAL_FORMS": "1",
        "competences-0-id": competence.pk,
        "competences-0-topic": competence.topic_id,
        "competences-0-level": 3,
        "competences-0-evidence": Evidence.ASSESSED,  # kept as it is: allowed
        "competences-1-topic": f.topic("cyber").pk,
        "competences-1-level": 2,
        "competences-1-evidence": Evidence.CERTIFIED,  # declared: refused
    }
    response = client.post("/people/profile/competences/", data)
    assert response.status_code == 400
    assert "choose self-declared" in response.content.decode()
    assert not Competence.objects.filter(person=cast.mentor.person, topic__slug="cyber").exists()


def test_an_import_records_hr_the_file_and_the_day(cast):
    data = io.BytesIO(_csv(cast.mentee.person.employee_id, 2, 3))
    data.name = "hris-2026.csv"
    import_enrolments(cast.program, data, actor=cast.manager)
    competence = Competence.objects.get(person=cast.mentee.person, topic__slug="genai")
    assert (competence.source, competence.source_note) == (Source.HR_IMPORT, "hris-2026.csv")
    assert competence.verified_by == cast.manager and competence.evidence_date is not None
    assert competence.source_text.startswith("attested by HR import, ")
    assert competence.source_text.endswith("hris-2026.csv (imported by Hélène Martin)")
    # the same file again changes nothing; a lower evidence never lowers what is vouched for
    import_enrolments(cast.program, io.BytesIO(_csv(cast.mentee.person.employee_id, 2, 1)))
    competence.refresh_from_db()
    assert competence.evidence == Evidence.CERTIFIED and competence.source_note == "hris-2026.csv"
