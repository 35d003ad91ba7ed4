"""Error pages in the app's frame, each with a way back. Django renders 404 and 403 with the
request; 400 and 500 come without one (the header then shows no role links, so a failing
database cannot fail the error page too). A refused form (CSRF) is rendered here."""

from django.shortcuts import render


def csrf_failure(request, reason: str = ""):
    """The form was refused: usually a page left open too long, or cookies turned off."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)
