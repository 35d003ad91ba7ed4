"""A preparation's and a log's texts are declared once, on the model: the page's form, the
API's schemas and the service all read ``confidential_texts``, and the API stays as strict as
when each text was written by hand (``Text = ""``)."""

import re

import pytest
from pydantic import ValidationError

from tandem.accounts.fields import EncryptedTextField, confidential_texts
from tandem.mentorships.forms import LogForm, PreparationForm
from tandem.mentorships.models import MeetingLog, Preparation
from tandem.mentorships.schemas import LogIn, LogOut, PreparationIn, PreparationOut
from tandem.mentorships.services import journal
from tests.mentorships.views_helpers import sign_in

LOG = ("acquired", "to_improve", "exercises", "next_topics", "mentor_learned", "mentee_learned")
PREPARATION = ("state_of_mind", "topics_to_raise", "targeted_learning")


def test_the_texts_are_the_models_encrypted_fields_in_its_order():
    assert confidential_texts(MeetingLog) == LOG
    assert confidential_texts(Preparation) == PREPARATION
    for model in (MeetingLog, Preparation):
        for name in confidential_texts(model):
            assert isinstance(model._meta.get_field(name), EncryptedTextField)


def test_the_form_and_the_schemas_carry_every_text_of_the_model():
    assert tuple(PreparationForm.base_fields) == PREPARATION
    assert tuple(LogForm.base_fields)[:6] == LOG
    for schema in (LogIn, LogOut):
        assert tuple(schema.model_fields)[:6] == LOG
    for schema in (PreparationIn, PreparationOut):
        assert tuple(schema.model_fields)[:3] == PREPARATION


@pytest.mark.parametrize("schema", [LogIn, PreparationIn])
def test_the_api_texts_take_paragraphs_and_default_to_empty(schema):
    first = next(iter(schema.model_fields))
    body = schema.model_validate({first: "Line one\nLine two"})
    assert getattr(body, first) == "Line one\nLine two"
    others = [v for k, v in body.model_dump().items() if k != first and isinstance(v, str)]
    assert others and set(others) == {""}


@pytest.mark.parametrize("schema", [LogIn, PreparationIn])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "expected string, got null"),
        (3, "expected string, got number"),
        (["a"], "expected string, got array"),
        ("nul\x00", "control character"),
    ],
)
def test_the_api_texts_refuse_what_is_not_a_text(schema, value, message):
    first = next(iter(schema.model_fields))
    with pytest.raises(ValidationError, match=message):
        schema.model_validate({first: value})


PAGE_LABELS = {
    "en": [
        "State of mind",
        "Topics to raise",
        "Targeted learning",
        "What was acquired",
        "What to improve",
        "Exercises and real cases worked on",
        "Topics for next time",
        "What the mentor learned from the mentee",
        "What the mentee learned from the mentor",
    ],
    "fr": [
        "État d&#x27;esprit",
        "Sujets à aborder",
        "Apprentissages visés",
        "Ce qui a été acquis",
        "Ce qui reste à améliorer",
        "Exercices et cas réels travaillés",
        "Sujets pour la prochaine fois",
        "Ce que le mentor a appris de la personne mentorée",
        "Ce que la personne mentorée a appris du mentor",
    ],
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_meeting_page_labels_each_text(client, cast, active_pair, clock, language):
    meeting = active_pair.meetings.order_by("starts_at").first()
    journal.write_preparation(meeting, cast.mentee, state_of_mind="calm", targeted_learning="")
    clock.move_to(meeting.ends_at)
    journal.write_log(meeting, cast.mentor, acquired="prompts", mentee_learned="budgets")
    page = sign_in(client, cast.mentee).get(
        f"/mentorships/meetings/{meeting.pk}/", HTTP_ACCEPT_LANGUAGE=language
    )
    rows = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page.content.decode())
    texts = ["calm", "—", "—", "prompts", "—", "—", "—", "—", "budgets"]
    assert rows[-9:] == list(zip(PAGE_LABELS[language], texts, strict=True))
