"""The audit trail reads as sentences with names ("Hélène Martin published the matching of
GenAI for leaders"), in the reader's language, the stored detail one click away; the names of
a page are read in a fixed number of queries."""

from tandem.accounts.audit import record
from tandem.matching.models import MatchingRun
from tandem.mentorships.models import Mentorship, Participant
from tests.mentorships.views_helpers import sign_in, text


def _trail(client, user, language="en") -> str:
    sign_in(client, user)
    return text(client.get("/audit/", HTTP_ACCEPT_LANGUAGE=language))


def test_it_writes_each_event_as_a_sentence_with_names(client, cast):
    run = MatchingRun.objects.create(program=cast.program, status="published")
    record(cast.manager, "matching.publish", run, proposals=12)
    record(cast.manager, "program.status", cast.program, before="matching", after="running")
    record(
        cast.manager,
        "matching.lock",
        None,
        mentee=cast.mentee.person.pk,
        mentor=cast.mentor.person.pk,
    )
    page = _trail(client, cast.manager)
    assert "Hélène Martin published the matching of GenAI for leaders (12 proposals)." in page
    assert "Hélène Martin moved GenAI for leaders from “Matching” to “Running”." in page
    assert "Hélène Martin locked the pair Jean Moreau – Léa Bernard." in page
    assert "<details" in page and "<summary>Details" in page
    assert "&quot;proposals&quot;: 12" in page  # the stored JSON, one click away


def test_it_names_the_pair_and_the_system(client, cast):
    pair = Mentorship.objects.create(program=cast.program, status="ended")
    for user, role in ((cast.mentor, "mentor"), (cast.mentee, "mentee")):
        Participant.objects.create(mentorship=pair, person=user.person, role=role)
    record(None, "mentorship.ended", pair, by="system", cause="inactive", days=75)
    record(None, "mentorship.inactivity_notice", pair, days=67, closes_on="2026-04-03")
    page = _trail(client, cast.manager)
    assert (
        "Tandem closed the mentorship Jean Moreau &amp; Léa Bernard: no meeting held for 75 days."
        in page
    )
    assert "closes on 3 April 2026" in page


def test_it_speaks_the_reader_s_language(client, cast):
    run = MatchingRun.objects.create(program=cast.program, status="published")
    record(cast.manager, "matching.publish", run, proposals=3)
    page = _trail(client, cast.manager, "fr")
    assert "Hélène Martin a publié l’appariement de GenAI for leaders (3 propositions)." in page


def test_it_reads_the_names_of_a_page_in_a_fixed_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    run = MatchingRun.objects.create(program=cast.program)
    record(cast.manager, "matching.publish", run, proposals=1)
    sign_in(client, cast.manager)
    with django_assert_max_num_queries(30) as first:
        client.get("/audit/")
    for _i in range(40):
        record(cast.coach, "person.read", cast.mentee.person)
        record(cast.manager, "program.update", cast.program, step="dates", fields=[])
    with django_assert_max_num_queries(len(first.captured_queries) + 1):
        client.get("/audit/")


def test_every_action_the_trail_knows_reads_as_a_sentence():
    from tandem.accounts.audit_labels import LABELS
    from tandem.accounts.audit_sentences import SENTENCES

    variants = {key.rsplit(".", 1)[0] for key in SENTENCES}
    assert [code for code in LABELS if code not in SENTENCES and code not in variants] == []


def test_it_names_competences_testimonials_and_the_program_of_a_detail(client, cast):
    from django.utils.html import escape

    from tandem.recognition.models import Testimonial

    competence = cast.mentor.person.competences.first()
    testimonial = Testimonial.objects.create(
        program=cast.program, author=cast.mentee.person, role="mentee", text="secret words"
    )
    record(cast.coach, "competence.read", competence)
    record(cast.manager, "recognition.testimonial_reviewed", testimonial, approved=True)
    record(cast.manager, "recognition.testimonial_reviewed", testimonial, approved=False)
    record(cast.manager, "insights.question_added", None, program=cast.program.pk)
    topic = competence.topic
    page = _trail(client, cast.manager)
    assert f"Marc Petit read a competence of Léa Bernard ({escape(topic.name_en)})." in page
    assert "Hélène Martin approved the testimonial of Jean Moreau (GenAI for leaders)." in page
    assert "Hélène Martin turned down the testimonial of Jean Moreau (GenAI for leaders)." in page
    assert "Hélène Martin added a survey question to GenAI for leaders." in page
    assert "secret words" not in page
    page = _trail(client, cast.manager, "fr")
    assert f"Marc Petit a lu une compétence de Léa Bernard ({escape(topic.name_fr)})." in page
