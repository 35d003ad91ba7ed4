"""Mounted at ``/scim/v2/``: the SCIM 2.0 service provider (bearer token of a directory)."""

from django.urls import path, re_path

from tandem.people.scim import views

app_name = "scim"

urlpatterns = [
    path("ServiceProviderConfig", views.service_provider_config, name="config"),
    path("ResourceTypes", views.resource_types, name="resource-types"),
    path("ResourceTypes/<str:name>", views.resource_types, name="resource-type"),
    path("Schemas", views.schemas, name="schemas"),
    path("Schemas/<str:name>", views.schemas, name="schema"),
    path(".search", views.root_search, name="search"),
    path("Users/.search", views.user_search, name="users-search"),
    path("Groups/.search", views.group_search, name="groups-search"),
    path("Users", views.user_list, name="users"),
    path("Users/<str:scim_id>", views.user_detail, name="user"),
    path("Groups", views.group_list, name="groups"),
    path("Groups/<str:scim_id>", views.group_detail, name="group"),
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not-found"),
]
