"""The REST API, ``/api/v1/``: one router per app, assembled here with authentication,
throttling and the JSON errors every route shares.

Authentication is a personal token (``Authorization: Bearer tdm_…``, see
``accounts/tokens.py``) or the browser session with its CSRF token, for the web app's own
calls. Permissions are each app's ``permissions.py``, the same helpers as the web pages.
Every error is ``{"detail": "...", "errors": [{"field": "...", "message": "..."}]}``.
"""

import os

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import BaseThrottle

from tandem.accounts.api import router as accounts_router
from tandem.accounts.apikit import Conflict, Forbidden
from tandem.accounts.tokens import TokenError, authenticate
from tandem.insights.api import router as insights_router
from tandem.insights.errors import InsightsError
from tandem.matching.api import router as matching_router
from tandem.matching.errors import MatchingError
from tandem.mentorships.api import router as mentorships_router
from tandem.mentorships.api_requests import router as mentor_requests_router
from tandem.mentorships.errors import MentorshipError, MentorshipForbidden
from tandem.operations import ratelimit
from tandem.people.api import router as people_router
from tandem.people.errors import PeopleError
from tandem.programs.api import router as programs_router
from tandem.programs.api_integrations import router as integrations_router
from tandem.programs.errors import ProgramsError
from tandem.recognition.api import router as recognition_router
from tandem.recognition.errors import RecognitionError

DEFAULT_RATE = "600/min"


class TokenAuth(HttpBearer):
    """``Authorization: Bearer tdm_<prefix>_<secret>``; the request acts as the token's user."""

    def authenticate(self, request, token: str):
        api_token = authenticate(token)
        if api_token is None:
            return None
        request.user = api_token.user
        return api_token


class BrowserSession(SessionAuth):
    """The web app's session, CSRF-checked; skipped (no CSRF error) when there is no session
    cookie, so a bad token gets a 401 rather than a CSRF 403."""

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super().__call__(request)


class TokenThrottle(BaseThrottle):
    """Per token (or session user, or address) — the rate from ``TANDEM_API_RATE``, read at
    each call so tests and operators can change it without a restart; counted in the shared
    cache, so every worker on every machine counts the same requests."""

    @staticmethod
    def _rate() -> str:
        return getattr(settings, "TANDEM_API_RATE", None) or os.environ.get(
            "TANDEM_API_RATE", DEFAULT_RATE
        )

    def allow_request(self, request) -> bool:
        auth = getattr(request, "auth", None)
        if auth is not None and getattr(auth, "pk", None) is not None:
            ident = f"token:{auth.pk}"
        elif getattr(request, "user", None) is not None and request.user.is_authenticated:
            ident = f"user:{request.user.pk}"
        else:
            ident = "ip:" + ratelimit.hashed(ratelimit.client_ip(request))
        return ratelimit.allow(f"api:{ident}", self._rate())


api = NinjaAPI(
    title="Tandem API",
    version="1",
    urls_namespace="api-v1",
    description=(
        "Everything a program manager or an HR system can do in Tandem, with the same "
        "permissions as the web pages. Send a personal token as `Authorization: Bearer …` "
        "(create one with `tandem api-token create EMAIL --name NAME`)."
    ),
    auth=[TokenAuth(), BrowserSession()],
    throttle=[TokenThrottle()],
)


def _error(request, status: int, detail: str, errors=()):
    return api.create_response(
        request, {"detail": str(detail), "errors": list(errors)}, status=status
    )


def _field(loc) -> str:
    """``["body", "payload", "rows", 0, "email"]`` → ``rows.0.email``; query/path names kept."""
    parts = [str(part) for part in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form"):
        parts = parts[1:]
        if parts and parts[0] in ("payload", "data", "filters", "pagination"):
            parts = parts[1:] or ["body"]
    return ".".join(parts)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors = [{"field": _field(e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors]
    first = errors[0] if errors else {"field": "", "message": ""}
    detail = _("Invalid input: %(field)s: %(message)s") % first if errors else _("Invalid input.")
    return _error(request, 422, detail, errors)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    return _error(request, 401, _("Authentication required: send a valid API token."))


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _error(request, 404, _("Not found."))


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return _error(request, 403, str(exc) or _("You are not allowed to do this."))


@api.exception_handler(Forbidden)
def on_forbidden(request, exc):
    return _error(request, 403, str(exc) or _("You are not allowed to do this."))


@api.exception_handler(Conflict)
def on_conflict(request, exc):
    return _error(request, 409, str(exc))


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return _error(request, exc.status_code, str(exc.message))


@api.exception_handler(DjangoValidationError)
def on_django_validation_error(request, exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": "" if name == "__all__" else name, "message": str(message)}
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": "", "message": str(message)} for message in exc.messages]
    return _error(request, 400, errors[0]["message"] if errors else _("Invalid input."), errors)


def _row_field(error) -> str:
    return f"line {error.line}" + (f".{error.column}" if error.column else "")


def _service_error(request, exc: Exception):
    """Service errors carry a message already written for the user; row errors (imports)
    name their line and column."""
    rows = getattr(exc, "errors", None) or []
    errors = [
        {"field": getattr(e, "field", None) or _row_field(e), "message": str(e.message)}
        for e in rows
        if hasattr(e, "line")
    ]
    return _error(request, 400, str(exc), errors)


@api.exception_handler(MentorshipForbidden)
def on_mentorship_forbidden(request, exc):
    """Refused for who the caller is, not for what they sent."""
    return _error(request, 403, str(exc))


for _error_class in (
    PeopleError,
    ProgramsError,
    MatchingError,
    MentorshipError,
    InsightsError,
    RecognitionError,
    TokenError,
):
    api.add_exception_handler(_error_class, _service_error)


@api.exception_handler(RequestDataTooBig)
def on_request_too_big(request, exc):
    """Django refuses to read a body over ``TANDEM_MAX_UPLOAD_BYTES``: say so in JSON."""
    limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return _error(
        request, 413, _("The request body is too large (at most %(limit)s).") % {"limit": limit}
    )


@api.exception_handler(OverflowError)
def on_overflow(request, exc):
    """An id or number larger than the database holds cannot name anything."""
    return _error(request, 404, _("Not found."))


api.add_router("/", accounts_router)
api.add_router("/", people_router)
api.add_router("/", programs_router)
api.add_router("/", integrations_router)
api.add_router("/", matching_router)
api.add_router("/", mentorships_router)
api.add_router("/", mentor_requests_router)
api.add_router("/", insights_router)
api.add_router("/", recognition_router)
