"""Mounted at ``/oidc/``: single sign-on, answering 404 unless it is configured."""

from django.urls import path

from tandem.accounts import oidc

app_name = "oidc"

urlpatterns = [
    path("authenticate/", oidc.SSOStartView.as_view(), name="authenticate"),
    path("callback/", oidc.SSOCallbackView.as_view(), name="callback"),
]
