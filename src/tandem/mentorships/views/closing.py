"""The end of a mentorship: each participant's closing review, then completion by the pair."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.mentorships.forms import ClosingReviewForm
from tandem.mentorships.models import ClosingReview
from tandem.mentorships.services import closing
from tandem.mentorships.views.common import (
    form_data,
    form_saved,
    my_mentorship,
    signed_in,
    tell_outcome,
)


def _initial(review: ClosingReview | None) -> dict:
    if review is None:
        return {}
    return {
        "goals_reached": [int(pk) for pk, ok in review.goals_reached.items() if ok],
        "autonomy": review.autonomy,
        "next_steps": review.next_steps,
        "would_recommend": "yes" if review.would_recommend else "no",
    }


@require_http_methods(["GET", "POST"])
@signed_in
def closing_review(request, pk: int):
    mentorship, me = my_mentorship(request, pk)
    review = ClosingReview.objects.filter(participant=me).first()
    form = ClosingReviewForm(form_data(request), initial=_initial(review), mentorship=mentorship)
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: closing.submit_closing_review(
            me,
            request.user,
            goals_reached=form.goals_map(),
            autonomy=form.cleaned_data["autonomy"],
            next_steps=form.cleaned_data["next_steps"],
            would_recommend=form.cleaned_data["would_recommend"],
        ),
        _("Thank you: your closing review is saved."),
    ):
        return redirect("mentorships:detail", pk=pk)
    context = {"mentorship": mentorship, "me": me, "form": form, "review": review}
    return render(request, "mentorships/closing.html", context)


@require_POST
@signed_in
def complete(request, pk: int):
    """Either participant marks the mentorship complete once every closing review is in."""
    mentorship, _me = my_mentorship(request, pk)
    tell_outcome(
        request,
        lambda: closing.complete_mentorship(mentorship, request.user),
        _("The mentorship is complete. Well done, both of you."),
    )
    return redirect("mentorships:detail", pk=pk)
