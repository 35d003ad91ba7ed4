"""The API of issue 15's competence and set-up work: evidence recorded with its source
(assessment, certification, endorsement), quizzes and sign-offs, invitations, the qualified
mentors' table, and a program's team and requirements."""

from django.core import mail

from tandem.accounts.models import Invitation
from tandem.people.models import Competence, Evidence, Source
from tandem.programs.models import Program, TrainingCompletion, TrainingModule
from tests import factories as f


def _genai(cast):
    return Competence.objects.get(person=cast.mentor.person, topic__slug="genai")


def test_a_directory_manager_records_an_assessment_and_a_certification(api, cast):
    competence = f.competence(cast.mentor.person, "cyber", 2, 0)
    path = f"/competences/{competence.pk}"
    assert api.post(f"{path}/assessment", {"note": "x"}, as_=cast.mentor).status_code == 404
    response = api.post(f"{path}/assessment", {"note": "Led the drill"}, as_=cast.manager)
    assert response.status_code == 200
    body = response.json()
    assert (body["evidence"], body["source"], body["source_note"]) == (
        2,
        "assessment",
        "Led the drill",
    )
    assert body["verified_by_id"] == cast.manager.pk and body["evidence_date"]
    assert body["source_text"].startswith("assessed by Hélène Martin on")
    cert = {"name": "SecNumacadémie", "obtained_on": "2025-04-01"}
    body = api.post(f"{path}/certification", cert, as_=cast.manager).json()
    assert (body["evidence"], body["source"], body["evidence_date"]) == (
        3,
        "certification",
        "2025-04-01",
    )
    lower = api.post(f"{path}/assessment", {"note": "again"}, as_=cast.manager)
    assert lower.status_code == 400 and "lower" in lower.json()["detail"]
    assert api.post(f"{path}/assessment", {"note": 3}, as_=cast.manager).status_code in (400, 422)


def test_a_programs_coach_records_an_assessment_of_its_mentor(api, cast):
    competence = f.competence(cast.mentor.person, "cyber", 2, 0)
    path = f"/programs/{cast.program.pk}/competences/{competence.pk}/assessment"
    assert api.post(path, {"note": "Watched a session"}, as_=cast.coach).status_code == 200
    competence.refresh_from_db()
    assert competence.source == Source.ASSESSMENT and competence.verified_by == cast.coach
    assert api.post(path, {"note": "x"}, as_=cast.mentee).status_code == 403
    assert api.post(path, {"note": "x"}, as_=cast.outsider).status_code == 404
    outside = f.competence(cast.outsider.person, "genai", 2, 0)
    other = f"/programs/{cast.program.pk}/competences/{outside.pk}/assessment"
    assert api.post(other, {"note": "x"}, as_=cast.coach).status_code == 404


def test_an_endorsement_is_asked_and_given_through_the_api(api, cast):
    mine = f.competence(cast.mentor.person, "cyber", 2, 0)
    ask = {"colleague_email": cast.outsider.email, "message": "We ran the drill together"}
    path = f"/competences/{mine.pk}/endorsement-requests"
    assert api.post(path, ask, as_=cast.mentee).status_code == 404  # not theirs
    response = api.post(path, ask, as_=cast.mentor)
    assert response.status_code == 201, response.json()
    assert mail.outbox[-1].to == [cast.outsider.email]
    asked = api.get("/endorsement-requests?status=pending", as_=cast.outsider).json()["items"]
    assert [r["topic"] for r in asked] == ["cyber"]
    assert api.get("/endorsement-requests", as_=cast.mentor).json()["items"] == []
    answer = f"/endorsement-requests/{asked[0]['id']}/answer"
    assert api.post(answer, {"give": True}, as_=cast.mentor).status_code == 404
    assert api.post(answer, {"give": "yes"}, as_=cast.outsider).status_code in (400, 422)
    assert api.post(answer, {"give": True}, as_=cast.outsider).json()["status"] == "given"
    mine.refresh_from_db()
    assert (mine.evidence, mine.source, mine.endorser) == (1, "endorsement", cast.outsider.person)
    unknown = {"colleague_email": "nobody@example.com"}
    assert api.post(path, unknown, as_=cast.mentor).status_code == 400


def test_a_person_can_only_declare_their_own_evidence_self(api, cast):
    me = cast.mentor.person
    raised = [{"topic": "cyber", "level": 2, "evidence": Evidence.ASSESSED}]
    response = api.put(f"/people/{me.pk}/competences", raised, as_=cast.mentor)
    assert response.status_code == 400 and "ask a colleague" in response.json()["detail"]
    assert not Competence.objects.filter(person=me, topic__slug="cyber").exists()


def test_a_mentor_takes_a_quiz_through_the_api(api, cast):
    module = TrainingModule.objects.get(slug="silences")
    cast.program.required_modules.set([module])
    quiz = api.get("/training-modules/silences/quiz", as_=cast.mentor).json()
    assert quiz["pass_mark"] == 3 and len(quiz["questions"]) == 4
    assert "correct" not in str(quiz)
    questions = list(module.questions.all())
    wrong = [{"question": q.pk, "choice": (min(q.correct()) + 1) % 3} for q in questions]
    path = f"/programs/{cast.program.pk}/training/silences/quiz"
    failed = api.post(path, {"answers": wrong}, as_=cast.mentor).json()
    assert failed["passed"] is False and failed["wrong"] == [1, 2, 3, 4]
    right = [{"question": q.pk, "choice": min(q.correct())} for q in questions]
    passed = api.post(path, {"answers": right}, as_=cast.mentor).json()
    assert passed["passed"] and passed["completion"]["method"] == "quiz"
    assert passed["completion"]["score"] == 4
    assert api.post(path, {"answers": right}, as_=cast.mentee).status_code == 403


def test_a_coach_signs_off_in_a_signoff_program_only(api, cast):
    module = TrainingModule.objects.get(slug="feedback")
    cast.program.required_modules.set([module])
    path = f"/programs/{cast.program.pk}/training-completions"
    body = {"employee_id": cast.mentor.person.employee_id, "module": "feedback"}
    refused = api.post(path, body, as_=cast.coach)
    assert refused.status_code == 400 and "quiz" in refused.json()["detail"]
    cast.program.training_check = "signoff"
    cast.program.save()
    response = api.post(path, {**body, "note": "Talked it through"}, as_=cast.coach)
    assert response.status_code == 201
    assert response.json()["method"] == "signoff"
    assert response.json()["signed_off_by_id"] == cast.coach.pk
    assert api.post(path, body, as_=cast.mentor).status_code == 403
    listed = api.get(path, as_=cast.manager).json()["items"]
    assert [(c["module"], c["method"]) for c in listed] == [("feedback", "signoff")]
    outsider = {**body, "employee_id": cast.outsider.person.employee_id}
    assert api.post(path, outsider, as_=cast.manager).status_code == 400
    assert TrainingCompletion.objects.count() == 1


def test_invitations_through_the_api_are_idempotent(api, cast):
    newcomer = f.person("Zoé Neuve", languages=["fr"])
    f.enrol(newcomer, cast.program, "mentee")
    path = f"/programs/{cast.program.pk}/invitations"
    dry = api.post(path, {"dry_run": True}, as_=cast.manager).json()
    assert dry["invited"] == [newcomer.email] and not Invitation.objects.exists()
    assert cast.mentor.email in dry["has_account"]
    sent = api.post(path, {}, as_=cast.manager).json()
    assert sent["invited"] == [newcomer.email]
    assert mail.outbox[-1].subject == "Votre invitation à Tandem"
    again = api.post(path, {}, as_=cast.manager).json()
    assert again["invited"] == [] and again["pending"] == [newcomer.email]
    outsider = f.person("Not Enrolled")
    refused = api.post(path, {"emails": [outsider.email]}, as_=cast.manager)
    assert refused.status_code == 400
    assert api.post(path, {}, as_=cast.coach).status_code == 403


def test_the_qualified_mentors_table_counts_evidence_per_topic(api, cast):
    path = f"/programs/{cast.program.pk}/qualified-mentors"
    body = api.get(path, as_=cast.manager).json()
    genai = next(t for t in body["topics"] if t["topic"] == "genai")
    assert [level["mentors"] for level in genai["at_least"]] == [1, 1, 1, 0]
    assert api.get(path, as_=cast.mentor).status_code == 403


def test_a_program_is_staffed_and_set_through_the_api(api, cast):
    coach = f.person("Nina Coach")
    body = {
        "name": "Project 2027",
        "format": "project",
        "circle_size": 1,
        "min_evidence": 2,
        "evidence_months": 24,
        "training_check": "signoff",
        "required_modules": ["silences"],
        "managers": [cast.manager.email],
        "coaches": [coach.email],
        "sponsor": cast.sponsor.email,
        "presentation_date": "2026-11-30",
        "start": "2026-09-01",
        "end": "2027-01-31",
        "deliverables": "A prototype\nA final presentation",
    }
    response = api.post("/programs", body, as_=cast.manager)
    assert response.status_code == 201, response.json()
    program = response.json()
    assert program["coaches"] == [coach.email] and program["sponsor"] == cast.sponsor.email
    assert program["managers"] == [cast.manager.email]
    assert (program["min_evidence"], program["evidence_months"]) == (2, 24)
    assert program["required_modules"] == ["silences"] and program["training_check"] == "signoff"
    assert program["format"] == "project" and program["presentation_date"] == "2026-11-30"
    patch = {"required_modules": [], "version": program["version"]}
    refused = api.patch(f"/programs/{program['id']}", patch, as_=cast.manager)
    assert refused.status_code == 400 and "at least one module" in str(refused.json())
    bad = {"coaches": ["ghost@example.com"], "version": program["version"]}
    refused = api.patch(f"/programs/{program['id']}", bad, as_=cast.manager)
    assert refused.status_code == 400 and "ghost@example.com" in refused.json()["detail"]


def test_the_api_creates_a_program_asking_for_endorsed_mentors(api, cast):
    response = api.post(
        "/programs",
        {
            "name": "Through the API",
            "format": "one-to-one",
            "start": "2027-01-04",
            "end": "2027-06-30",
        },
        as_=cast.manager,
    )
    assert response.status_code in (200, 201), response.json()
    program = Program.objects.get(name="Through the API")
    assert program.min_evidence == Evidence.ENDORSED and response.json()["min_evidence"] == 1
    seeded = set(TrainingModule.objects.values_list("slug", flat=True))
    assert (
        program.require_training
        and set(program.required_modules.values_list("slug", flat=True)) == seeded
    )
