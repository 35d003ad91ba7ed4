"""The topics a pair may put on an agenda, a log or a goal: the program's own, or every active
topic when the program names none; the forms hold them as one lazy query."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.mentorships.forms import AgendaForm
from tandem.mentorships.services.journal import allowed_topic_list, allowed_topics
from tandem.people.models import Topic
from tests import factories as f
from tests.factories import pair


def test_a_program_naming_topics_allows_those_even_retired(cast):
    mentorship = pair(cast.program, cast.mentor.person, cast.mentee.person)
    Topic.objects.filter(slug="cyber").update(is_active=False)
    assert {t.slug for t in allowed_topic_list(mentorship)} == {"genai", "cyber"}


def test_a_program_naming_none_allows_every_active_topic(cast):
    mentorship = pair(cast.program, cast.mentor.person, cast.mentee.person)
    mentorship.program.topics.clear()
    Topic.objects.filter(slug="cyber").update(is_active=False)
    active = set(Topic.objects.filter(is_active=True).values_list("slug", flat=True))
    assert {t.slug for t in allowed_topic_list(mentorship)} == active
    assert "cyber" not in active and "genai" in active


def test_the_agenda_form_asks_nothing_until_it_validates_and_refuses_other_topics(cast):
    mentorship = pair(cast.program, cast.mentor.person, cast.mentee.person)
    outside = Topic.objects.exclude(slug__in=["genai", "cyber"]).first()
    with CaptureQueriesContext(connection) as built:
        form = AgendaForm({"topics": [outside.pk]}, mentorship=mentorship)
    assert not built.captured_queries
    assert not form.is_valid() and "topics" in form.errors
    form = AgendaForm({"topics": [f.topic("genai").pk]}, mentorship=mentorship)
    assert form.is_valid(), form.errors
    assert list(allowed_topics(mentorship).order_by("slug").values_list("slug", flat=True)) == [
        "cyber",
        "genai",
    ]
