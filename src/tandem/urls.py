from django.contrib import admin
from django.urls import include, path

from tandem.api import api

admin.site.site_header = "Tandem"
admin.site.site_title = "Tandem"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("tandem.accounts.urls")),
    path("audit/", include("tandem.accounts.audit_urls")),
    path("oidc/", include("tandem.accounts.oidc_urls")),
    path("saml2/", include("tandem.accounts.saml_urls")),
    path("invitations/", include("tandem.accounts.invitation_urls")),
    path("programs/", include("tandem.programs.urls")),
    path("programs/<slug:slug>/matching/", include("tandem.matching.urls")),
    path("programs/<slug:slug>/pairs/", include("tandem.insights.cockpit_urls")),
    path("people/", include("tandem.people.urls")),
    path("scim/v2/", include("tandem.people.scim.urls")),
    path("privacy/", include("tandem.privacy.urls")),
    path("me/", include("tandem.programs.urls_participant")),
    path("", include("tandem.mentorships.urls")),
    path("", include("tandem.insights.urls")),
    path("", include("tandem.recognition.urls")),
    path("", include("tandem.web.urls")),
]
