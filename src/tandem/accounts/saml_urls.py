"""Mounted at ``/saml2/``: SAML single sign-on, answering 404 unless it is configured."""

from django.urls import path

from tandem.accounts import saml

app_name = "saml"

urlpatterns = [
    path("login/", saml.login, name="login"),
    path("acs/", saml.acs, name="acs"),
    path("metadata/", saml.metadata, name="metadata"),
]
