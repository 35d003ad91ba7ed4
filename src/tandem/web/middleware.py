"""Two guards in front of every view.

``BadTextGuard`` refuses a request that carries a control character where no text may hold one
(NUL anywhere; any C0 control but tab and line breaks in a form field; any at all in the query
string), before a view or a database sees it: a 400 page naming the fields, on the API a
JSON 422 naming them, on SCIM a SCIM 400 ``invalidValue``. Forms and API schemas add the
one-line rule per field (see ``accounts.forms.CleanTextMixin`` and ``accounts.schemas``); the
CSV reader names line and column.

``ApiJsonErrors`` makes everything under ``/api/`` answer JSON, including what Django or ninja
answer before a route runs (unknown route 404, wrong method 405, CSRF 403, server error 500):
``{"detail": "...", "errors": [...]}``.
"""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from tandem.operations.text import text_problem
from tandem.people.scim.views import error_response as scim_error_response

API_PREFIX = "/api/"
SCIM_PREFIX = "/scim/"
HANDLED_BY_DJANGO = (Http404, PermissionDenied, SuspiciousOperation, BadRequest)


class TooBig(Exception):
    """The body is over ``TANDEM_MAX_UPLOAD_BYTES`` (Django refused to read it)."""


logger = logging.getLogger("tandem.api")


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _pairs(querydict):
    for key, values in querydict.lists():
        yield key, key
        for value in values:
            yield key, value


def _json_texts(value, path: str):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_texts(item, f"{path}.{index}" if path else str(index))
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            yield where, key
            yield from _json_texts(item, where)


def _json_body(request):
    if "json" not in (request.content_type or "") or not request.body:
        return None
    try:
        return json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return None  # the route answers its own "cannot parse" error


def bad_fields(request) -> list[dict[str, str]]:
    """``[{"field": ..., "message": ...}]`` for every parameter that breaks the text rules."""
    found: dict[str, str] = {}
    for key, value in _pairs(request.GET):
        problem = text_problem(value, one_line=True)
        if problem:
            found.setdefault(key, problem)
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        try:
            posted = request.POST if not _is_api(request) else None
            for key, value in _pairs(posted) if posted is not None else ():
                problem = text_problem(value, one_line=False)
                if problem:
                    found.setdefault(key, problem)
            body = _json_body(request) if _is_api(request) else None
        except (RequestDataTooBig, SuspiciousOperation):
            raise TooBig from None
        for key, value in _json_texts(body, "") if body is not None else ():
            problem = text_problem(value, one_line=False)
            if problem:
                found.setdefault(key or "body", problem)
    return [{"field": key, "message": message} for key, message in found.items()]


def api_error(status: int, detail: str, errors=()) -> JsonResponse:
    return JsonResponse({"detail": str(detail), "errors": list(errors)}, status=status)


class BadTextGuard:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            errors = bad_fields(request)
        except TooBig:
            if _is_api(request):
                limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
                detail = _("The request body is too large (at most %(limit)s).") % {"limit": limit}
                return api_error(413, detail)
            return render(request, "400.html", status=400)
        if not errors:
            return self.get_response(request)
        first = errors[0]
        if request.path.startswith(SCIM_PREFIX):  # an identity provider reads SCIM errors only
            detail = f"{first['field']}: {first['message']}"
            return scim_error_response(400, detail, "invalidValue")
        if _is_api(request):
            detail = _("Invalid input: %(field)s: %(message)s") % first
            return api_error(422, detail, errors)
        return render(request, "web/bad_input.html", {"errors": errors}, status=400)


def _detail(status: int, response) -> str:
    if status == 404:
        return _("Not found.")
    if status == 405:
        return _("Method not allowed: use %(methods)s.") % {
            "methods": ", ".join(m.strip() for m in response.get("Allow", "?").split(","))
        }
    if status == 403:
        return _("Forbidden: send a valid API token, or the CSRF token with the session.")
    if status == 413:
        return _("The request body is too large.")
    if status >= 500:
        return _("Server error: it was logged; try again later.")
    return _("Bad request.")


class ApiJsonErrors:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not _is_api(request) or response.status_code < 400:
            return response
        if "json" in response.get("Content-Type", ""):
            return response
        return api_error(response.status_code, _detail(response.status_code, response))

    def process_exception(self, request, exception):
        """A crash only: a 404, 403 or 400 that Django answers is made JSON on its way out."""
        if not _is_api(request) or isinstance(exception, HANDLED_BY_DJANGO):
            return None
        logger.exception("Server error on %s %s", request.method, request.path)
        return api_error(500, _detail(500, None))
