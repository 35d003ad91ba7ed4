"""To-dos of the surveys: answer each survey that is due."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.insights.services.surveys import open_dues
from tandem.web.todos import Reader, Todo, provider, todo


@provider
def surveys(reader: Reader) -> list[Todo]:
    return [
        todo(
            "survey",
            _("Answer the survey of %(program)s: %(moment)s")
            % {"program": due.survey.program, "moment": due.survey.get_moment_display().lower()},
            reverse("insights:survey", args=[due.pk]),
            due.due_on,
            reader,
        )
        for due in open_dues(reader.person, reader.today)
    ]
