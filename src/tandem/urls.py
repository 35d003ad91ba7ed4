"""The project's URLs: each app's URLconf under its prefix. An app with one namespace has one
``urls.py``; an app mounted under several prefixes has a ``urls/`` package, one module per
namespace, named after it. Views follow the same rule: ``views.py``, or ``views/`` by concern."""

from django.contrib import admin
from django.urls import include, path

from tandem.api import api

admin.site.site_header = "Tandem"
admin.site.site_title = "Tandem"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("tandem.accounts.urls.accounts")),
    path("audit/", include("tandem.accounts.urls.audit")),
    path("oidc/", include("tandem.accounts.urls.oidc")),
    path("saml2/", include("tandem.accounts.urls.saml")),
    path("invitations/", include("tandem.accounts.urls.invitations")),
    path("programs/", include("tandem.programs.urls.programs")),
    path("programs/<slug:slug>/matching/", include("tandem.matching.urls")),
    path("programs/<slug:slug>/pairs/", include("tandem.insights.urls.cockpit")),
    path("people/", include("tandem.people.urls")),
    path("scim/v2/", include("tandem.people.scim.urls")),
    path("privacy/", include("tandem.privacy.urls")),
    path("me/", include("tandem.programs.urls.participant")),
    path("", include("tandem.mentorships.urls")),
    path("", include("tandem.insights.urls.insights")),
    path("", include("tandem.recognition.urls")),
    path("", include("tandem.web.urls")),
]
