"""Mounted at ``/saml2/``: SAML single sign-on, answering 404 unless it is configured.

pysaml2 loads on the first SAML request, not with the project's URLs: most installations
never turn SAML on, and a web worker starts as fast as without it."""

from django.conf import settings
from django.http import Http404
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

app_name = "saml"


def _view(name: str):
    @csrf_exempt  # the provider posts its assertion from its own site (the ACS)
    def view(request, *args, **kwargs):
        if not settings.TANDEM_SAML_ENABLED:
            raise Http404
        from tandem.accounts import saml  # pysaml2 loads on the first SAML request

        return getattr(saml, name)(request, *args, **kwargs)

    view.__name__ = view.__qualname__ = name
    return view


urlpatterns = [
    path("login/", _view("login"), name="login"),
    path("acs/", _view("acs"), name="acs"),
    path("metadata/", _view("metadata"), name="metadata"),
]
