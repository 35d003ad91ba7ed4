"""The pages of the frame: the home page, the sponsor's programs and the favicon. What they
show is read by ``home.py`` and ``sponsor.py``."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from tandem.insights.services.figures import K
from tandem.people.models import Person
from tandem.web.home import home_context
from tandem.web.sponsor import sponsor_rows
from tandem.web.templatetags.participant_nav import remember
from tandem.web.templatetags.tandem_web import roles_for


@login_required
def home(request):
    """What's next for a participant, then the person's programs, whatever their roles."""
    context = home_context(request.user, any_role=any(roles_for(request).values()))
    if (upcoming := context["whats_next"]) is not None:
        remember(request, upcoming.has("survey"), upcoming.training_slugs)
    return render(request, "web/home.html", context)


@login_required
@require_GET
def sponsor_page(request):
    try:
        person = request.user.person  # read once per request by PersonTimeZoneMiddleware
    except Person.DoesNotExist:
        person = None
    return render(request, "web/sponsor.html", {"rows": sponsor_rows(person), "min_group": K})


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on their own (PDF tabs, bookmarks): the SVG icon."""
    return HttpResponsePermanentRedirect(static("web/favicon.svg"))
