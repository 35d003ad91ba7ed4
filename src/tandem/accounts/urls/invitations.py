"""Mounted at ``/invitations/`` (the links sent by email)."""

from django.urls import path

from tandem.accounts.views import invitations

app_name = "invitations"

urlpatterns = [
    path("<str:token>/", invitations.accept, name="accept"),
]
