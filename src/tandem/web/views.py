from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tandem.web.home import home_context


@login_required
def home(request):
    """The signed-in person's profile and programs, whatever their roles."""
    return render(request, "web/home.html", home_context(request.user))
