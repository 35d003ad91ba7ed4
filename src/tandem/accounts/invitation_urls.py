"""Mounted at ``/invitations/`` (the links sent by email)."""

from django.urls import path

from tandem.accounts import invitation_views

app_name = "invitations"

urlpatterns = [
    path("<str:token>/", invitation_views.accept, name="accept"),
]
