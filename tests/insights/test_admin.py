"""The insights admin: computed data is read-only, question texts can be corrected, and no
answer (nor any pair's confidential text) is ever shown."""

import pytest

from tandem.accounts.models import User
from tandem.insights.models import Alert, MeetingMonth, Moment, SurveyDue
from tandem.insights.services import summary
from tandem.mentorships.models import Meeting
from tests.insights import builders as b
from tests.insights.conftest import answer_mentees


@pytest.fixture
def admin_client(built, cast, client):
    answer_mentees(built, 5)
    summary.refresh_programs([cast.program.pk])
    Alert.objects.create(
        program=cast.program, mentorship=built[0], kind="two-missed", opened_at=b.STARTED
    )
    client.force_login(User.objects.create_superuser(email="root@example.com", password="x" * 12))
    return client


@pytest.mark.parametrize(
    "model", ["surveydue", "alert", "meetingmonth", "stalementorship", "impactreport"]
)
def test_it_shows_computed_data_read_only(admin_client, model):
    page = admin_client.get(f"/admin/insights/{model}/")
    assert page.status_code == 200
    assert admin_client.get(f"/admin/insights/{model}/add/").status_code == 403


def test_it_lets_nobody_change_or_delete_what_is_computed(admin_client, built):
    row = MeetingMonth.objects.filter(mentorship=built[0]).first()
    url = f"/admin/insights/meetingmonth/{row.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert "held" in page and 'name="held"' not in page  # shown, not editable
    assert admin_client.post(url, {"held": 99}).status_code == 403
    assert admin_client.get(f"/admin/insights/meetingmonth/{row.pk}/delete/").status_code == 403
    assert MeetingMonth.objects.get(pk=row.pk).held == row.held


def test_it_lets_a_question_text_be_corrected_but_not_its_kind(admin_client, cast):
    survey = cast.program.surveys.get(moment=Moment.FINAL, role="mentee")
    question = survey.questions.get(key="satisfaction")
    url = f"/admin/insights/question/{question.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert 'name="text_en"' in page and 'name="kind"' not in page
    data = {"position": 0, "text_en": "Happy?", "text_fr": "Content·e ?", "kind": "nps"}
    assert admin_client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert (question.text_en, question.kind) == ("Happy?", "scale")


def test_it_never_shows_answers_or_what_pairs_wrote(admin_client, built):
    assert admin_client.get("/admin/insights/answer/").status_code == 404
    assert admin_client.get("/admin/insights/answerpair/").status_code == 404
    b.meeting(built[0], Meeting.Status.HELD, 12, "secret words of the mentor")
    due = SurveyDue.objects.filter(answered_at__isnull=True).first() or SurveyDue.objects.first()
    for url in (
        "/admin/insights/surveydue/",
        f"/admin/insights/surveydue/{due.pk}/change/",
        "/admin/insights/meetingmonth/",
        "/admin/insights/stalementorship/",
        f"/admin/insights/survey/{due.survey_id}/change/",
    ):
        page = admin_client.get(url).content.decode()
        assert "secret words" not in page
