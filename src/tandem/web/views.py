from django.contrib.auth.decorators import login_required
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from tandem.web.home import home_context


@login_required
def home(request):
    """The signed-in person's profile and programs, whatever their roles."""
    return render(request, "web/home.html", home_context(request.user))


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on their own (PDF tabs, bookmarks): the SVG icon."""
    return HttpResponsePermanentRedirect(static("web/favicon.svg"))
