"""``/scim/v2/``: thin views over scim2-models. Each request is authenticated by a bearer
token of one directory and sees that directory alone; payloads are parsed and checked by
scim2-models under Tandem's policy (``resources.POLICY``); every refusal is a SCIM error
(``application/scim+json``, ``status``, ``scimType``, ``detail``), never a 500."""

from __future__ import annotations

import json
import logging
import re
from functools import wraps

from django.core.exceptions import RequestDataTooBig
from django.db import DataError, IntegrityError
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from pydantic import ValidationError
from scim2_models import (
    Context,
    Error,
    InvalidSyntaxException,
    InvalidValueException,
    NotFoundException,
    NotImplementedException,
    SCIMException,
    SearchRequest,
)

from tandem.people import directories
from tandem.people.scim import groups, users
from tandem.people.scim.filters import GROUP_FIELDS, USER_FIELDS, to_query
from tandem.people.scim.resources import (
    CONFIG,
    MAX_RESULTS,
    MESSAGES,
    POLICY,
    RESOURCE_TYPES,
    SCHEMAS,
    FullUser,
    Group,
)

logger = logging.getLogger(__name__)
CONTENT_TYPE = "application/scim+json"
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def scim_response(data: dict | None, status: int = 200, headers: dict | None = None):
    body = b"" if data is None else json.dumps(data).encode()
    response = HttpResponse(body, status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def error_response(status: int, detail: str, scim_type: str | None = None):
    error = Error(status=status, scim_type=scim_type, detail=detail)
    headers = {"WWW-Authenticate": 'Bearer realm="scim"'} if status == 401 else {}
    return scim_response(error.model_dump(scim_ctx=Context.DEFAULT), status, headers)


def _refusal(exc: Exception):
    if isinstance(exc, SCIMException):
        error = exc.to_error()
        return error_response(error.status or 400, error.detail or "", error.scim_type)
    errors = Error.from_validation_errors(exc)
    first = errors[0] if errors else Error(status=400, scim_type="invalidSyntax")
    detail = "; ".join(e.detail or "" for e in errors)
    return error_response(first.status or 400, detail, first.scim_type)


def endpoint(*methods: str):
    """Bearer token of a directory, allowed methods (405 otherwise), SCIM errors."""

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            token = directories.authenticate(_bearer(request))
            if token is None:
                return error_response(401, "A valid bearer token of a SCIM directory is needed")
            if request.method not in methods:
                return error_response(405, f"{request.method} is not allowed here")
            request.directory = token.directory
            request.scim_base = request.build_absolute_uri("/scim/v2").rstrip("/")
            try:
                with POLICY:
                    return view(request, *args, **kwargs)
            except (SCIMException, ValidationError) as exc:
                return _refusal(exc)
            except RequestDataTooBig:
                return error_response(413, "The request body is too large")
            except (IntegrityError, DataError) as exc:  # a race, or a value the column refuses
                logger.warning("SCIM write refused by the database: %s", exc)
                return error_response(409, "This conflicts with what Tandem holds", "uniqueness")

        return wrapper

    return decorate


def _bearer(request) -> str:
    scheme, _sep, value = (request.headers.get("Authorization") or "").partition(" ")
    return value if scheme.lower() == "bearer" else ""


def _body(request) -> dict:
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidSyntaxException(detail=f"The body is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InvalidSyntaxException(detail="The body must be a JSON object")
    _refuse_control_characters(data)
    return data


def _refuse_control_characters(value, where: str = "") -> None:
    """No NUL or other control character in any text (PostgreSQL refuses NUL; none is
    ever meant in a name, an email or an id)."""
    if isinstance(value, dict):
        for key, item in value.items():
            _refuse_control_characters(key, where)
            _refuse_control_characters(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for item in value:
            _refuse_control_characters(item, where)
    elif isinstance(value, str) and CONTROL.search(value):
        raise InvalidValueException(detail=f"{where or 'value'}: control characters are refused")


def _dump(resource, context: Context, search=None) -> dict:
    return resource.model_dump(scim_ctx=context, response_parameters=search)


def _parameters(request, model) -> SearchRequest:
    """The query's ``filter``, ``startIndex``, ``count``, ``attributes`` and
    ``excludedAttributes``: from the URL, or from the body of a POST to ``.search``."""
    if request.method == "POST":
        return MESSAGES[model]["search"].model_validate(
            _body(request), scim_ctx=Context.SEARCH_REQUEST
        )
    params = {
        key: request.GET[key]
        for key in ("filter", "startIndex", "count", "attributes", "excludedAttributes")
        if key in request.GET
    }
    _refuse_control_characters(params)
    return MESSAGES[model]["search"].model_validate(params, scim_ctx=Context.SEARCH_REQUEST)


def _list(request, queryset, model, render, search: SearchRequest) -> HttpResponse:
    start = search.start_index or 1
    count = MAX_RESULTS if search.count is None else min(search.count, MAX_RESULTS)
    page = list(queryset[start - 1 : start - 1 + count]) if count else []
    listing = MESSAGES[model]["list"](
        total_results=queryset.count(),
        start_index=start,
        items_per_page=len(page),
        resources=[render(item) for item in page],
    )
    return scim_response(_dump(listing, Context.SEARCH_RESPONSE, search))


@endpoint("GET")
def service_provider_config(request):
    return scim_response(CONFIG.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE))


@endpoint("GET")
def resource_types(request, name: str | None = None):
    return _discovery(request, RESOURCE_TYPES, name, "ResourceTypes")


@endpoint("GET")
def schemas(request, name: str | None = None):
    return _discovery(request, SCHEMAS, name, "Schemas")


def _discovery(request, catalogue: dict, name: str | None, endpoint_name: str):
    def located(item, key):
        item = item.model_copy(deep=True)
        item.meta = item.meta or {"resourceType": endpoint_name[:-1]}
        item.meta.location = f"{request.scim_base}/{endpoint_name}/{key}"
        return item.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)

    if name is not None:
        if name not in catalogue:
            raise NotFoundException(detail=f"No {endpoint_name[:-1]} {name}")
        return scim_response(located(catalogue[name], name))
    items = [located(item, key) for key, item in catalogue.items()]
    return scim_response(
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
            "totalResults": len(items),
            "startIndex": 1,
            "itemsPerPage": len(items),
            "Resources": items,
        }
    )


def _user_queryset(request, search: SearchRequest):
    accounts = users.live_accounts(request.directory)
    related = ("person__manager__directory_account__person", "person__organization")
    return accounts.filter(to_query(search.filter, USER_FIELDS)).select_related(*related)


@endpoint("GET", "POST")
def user_list(request):
    return _create(request, FullUser) if request.method == "POST" else _users(request)


@endpoint("POST")
def user_search(request):
    return _users(request)


def _users(request):
    search = _parameters(request, FullUser)
    queryset = _user_queryset(request, search).order_by("pk")
    render = lambda account: users.as_resource(account, request.scim_base)  # noqa: E731
    return _list(request, queryset, FullUser, render, search)


@endpoint("GET", "PUT", "PATCH", "DELETE")
def user_detail(request, scim_id: str):
    return _detail(request, FullUser, scim_id)


@endpoint("GET", "POST")
def group_list(request):
    return _create(request, Group) if request.method == "POST" else _groups(request)


@endpoint("POST")
def group_search(request):
    return _groups(request)


def _groups(request):
    search = _parameters(request, Group)
    queryset = request.directory.groups.filter(to_query(search.filter, GROUP_FIELDS))
    render = lambda group: groups.as_resource(group, request.scim_base)  # noqa: E731
    return _list(request, queryset.distinct().order_by("pk"), Group, render, search)


@endpoint("GET", "PUT", "PATCH", "DELETE")
def group_detail(request, scim_id: str):
    return _detail(request, Group, scim_id)


@endpoint("POST")
def root_search(request):
    raise NotImplementedException(
        detail="Search one resource type at a time: /Users/.search or /Groups/.search"
    )


SERVICES = {FullUser: users, Group: groups}


def _create(request, model):
    service = SERVICES[model]
    resource = model.model_validate(_body(request), scim_ctx=Context.RESOURCE_CREATION_REQUEST)
    created = service.as_resource(service.create(request.directory, resource), request.scim_base)
    return scim_response(
        _dump(created, Context.RESOURCE_CREATION_RESPONSE), 201, {"Location": created.meta.location}
    )


def _detail(request, model, scim_id: str):
    """GET, PUT, PATCH (applied by scim2-models to the current resource) or DELETE."""
    service = SERVICES[model]
    found = service.get(request.directory, scim_id)
    if request.method == "DELETE":
        service.delete(found)
        return scim_response(None, 204)
    current = service.as_resource(found, request.scim_base)
    if request.method == "GET":
        search = _parameters(request, model)
        return scim_response(_dump(current, Context.RESOURCE_QUERY_RESPONSE, search))
    if request.method == "PUT":
        resource = model.model_validate(
            _body(request), scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST
        )
    else:
        resource = current
        patch = MESSAGES[model]["patch"].model_validate(
            _entra_manager(_body(request)), scim_ctx=Context.RESOURCE_PATCH_REQUEST
        )
        patch.patch(resource)
    service.replace(found, resource)
    updated = service.as_resource(service.get(request.directory, scim_id), request.scim_base)
    return scim_response(_dump(updated, Context.RESOURCE_REPLACEMENT_RESPONSE))


def _entra_manager(body: dict) -> dict:
    """Entra ID sends the manager as a bare id (``"value": "<id>"``); RFC 7643 has it as
    ``{"value": "<id>"}``."""
    for operation in body.get("Operations") or []:
        path = str(operation.get("path") or "") if isinstance(operation, dict) else ""
        if path.lower().endswith("manager") and isinstance(operation.get("value"), str):
            operation["value"] = {"value": operation["value"]}
    return body


@endpoint("GET", "POST", "PUT", "PATCH", "DELETE")
def not_found(request, rest: str = ""):
    return error_response(404, f"Nothing at /scim/v2/{rest}")
