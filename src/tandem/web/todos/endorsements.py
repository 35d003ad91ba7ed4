"""To-dos of endorsements: a colleague asked you to endorse one of their competences."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.people.models import EndorsementRequest
from tandem.web.todos import Reader, Todo, provider, todo
from tandem.web.todos.pairs import ANSWER_WITHIN


@provider
def endorsements(reader: Reader) -> list[Todo]:
    """Each pending request asked of the person (one query), due a week after it was asked."""
    rows = (
        EndorsementRequest.objects.filter(
            colleague=reader.person, status=EndorsementRequest.Status.PENDING
        )
        .order_by("created_at")
        .values_list(
            "competence__person__full_name", "competence__topic__name_en",
            "competence__topic__name_fr", "created_at",
        )
    )  # fmt: skip
    url = reverse("people:endorsements")
    french = (get_language() or "en").startswith("fr")  # the page's language, as Topic.name
    return [
        todo(
            "endorsement",
            _("Endorse %(name)s in %(topic)s, or decline")
            % {"name": name, "topic": (fr if french and fr else en)},
            url,
            timezone.localdate(asked + ANSWER_WITHIN),
            reader,
        )
        for name, en, fr, asked in rows
    ]
