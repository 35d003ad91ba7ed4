"""examples/drive_program.py drives a whole program through the API of a live server."""

import datetime as dt
import importlib.util
from pathlib import Path

import time_machine

from tandem.accounts.models import User
from tandem.accounts.tokens import create_token
from tandem.insights.services.surveys import refresh_dues
from tandem.mentorships.models import Meeting, MeetingLog, Mentorship
from tandem.programs.models import Program
from tests import factories as f

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "drive_program.py"


def load_script():
    spec = importlib.util.spec_from_file_location("drive_program", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_drives_a_program_from_import_to_metrics(
    reference_data_present, live_server, transactional_db, capsys
):
    manager = User.objects.create_user(email="hr@example.com", password="x" * 12)
    manager.is_program_manager = True
    manager.save()
    mentor = f.person("Léa Bernard", department="Digital", with_user=True).user
    mentee = f.person("Jean Moreau", department="Finance", with_user=True).user
    tokens = [create_token(user, "example")[1] for user in (manager, mentor, mentee)]
    argv = [live_server.url, tokens[0], "--mentor-token", tokens[1], "--mentee-token", tokens[2]]
    script = load_script()

    first = script.main(argv)

    mentorship = Mentorship.objects.get(pk=first["mentorship"])
    assert mentorship.status == Mentorship.Status.ACTIVE
    assert {p.person.user for p in mentorship.participants.all()} == {mentor, mentee}
    assert Program.objects.get(pk=first["program"]).status == Program.Status.RUNNING
    meeting = Meeting.objects.get(pk=first["meeting"])
    with time_machine.travel(meeting.starts_at + dt.timedelta(hours=2), tick=True):
        refresh_dues(mentorship.program)  # what `tandem remind` does every day
        second = script.main([*argv, "--after-meeting"])

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert MeetingLog.objects.get(meeting=meeting).mentor_learned == "How the budget is built."
    assert mentee.person.survey_dues.filter(answered_at__isnull=False).count() == 1
    assert second["metrics"]["participation"]["enrolled"]["hidden"] is False
    out = capsys.readouterr().out
    assert "Run " in out and "published" in out
    assert "HR reading the log gets 404" in out
