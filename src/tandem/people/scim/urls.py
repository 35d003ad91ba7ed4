"""Mounted at ``/scim/v2/``: the SCIM 2.0 service provider (bearer token of a directory).

The views load scim2-models' resources on the first SCIM request, not when the project's
URLs load, so a web worker starts (and serves its first page) as fast as without SCIM."""

from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt

app_name = "scim"


def _view(name: str):
    @csrf_exempt
    def view(request, *args, **kwargs):
        from tandem.people.scim import views  # scim2-models loads on the first SCIM request

        return getattr(views, name)(request, *args, **kwargs)

    view.__name__ = view.__qualname__ = name
    return view


urlpatterns = [
    path("ServiceProviderConfig", _view("service_provider_config"), name="config"),
    path("ResourceTypes", _view("resource_types"), name="resource-types"),
    path("ResourceTypes/<str:name>", _view("resource_types"), name="resource-type"),
    path("Schemas", _view("schemas"), name="schemas"),
    path("Schemas/<str:name>", _view("schemas"), name="schema"),
    path(".search", _view("root_search"), name="search"),
    path("Users/.search", _view("user_search"), name="users-search"),
    path("Groups/.search", _view("group_search"), name="groups-search"),
    path("Users", _view("user_list"), name="users"),
    path("Users/<str:scim_id>", _view("user_detail"), name="user"),
    path("Groups", _view("group_list"), name="groups"),
    path("Groups/<str:scim_id>", _view("group_detail"), name="group"),
    re_path(r"^(?P<rest>.*)$", _view("not_found"), name="not-found"),
]
