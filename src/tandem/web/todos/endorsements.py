"""To-dos of endorsements: a colleague asked you to endorse one of their competences."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.people.models import EndorsementRequest
from tandem.web.todos import Reader, Todo, provider, todo
from tandem.web.todos.pairs import ANSWER_WITHIN


@provider
def endorsements(reader: Reader) -> list[Todo]:
    """Each pending request asked of the person (one query), due a week after it was asked."""
    asked = (
        EndorsementRequest.objects.filter(
            colleague=reader.person, status=EndorsementRequest.Status.PENDING
        )
        .select_related("competence__person", "competence__topic")
        .order_by("created_at")
    )
    url = reverse("people:endorsements")
    return [
        todo(
            "endorsement",
            _("Endorse %(name)s in %(topic)s, or decline")
            % {"name": r.competence.person.full_name, "topic": r.competence.topic.name},
            url,
            timezone.localdate(r.created_at + ANSWER_WITHIN),
            reader,
        )
        for r in asked
    ]
