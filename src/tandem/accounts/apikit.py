"""What every app's API router shares: the error body, the responses each route documents,
optimistic locking, and the one pagination class. Lives in ``accounts`` (the lowest layer) so
every app's ``api.py`` may import it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from tandem.accounts.schemas import QuerySchema
from tandem.operations import locking

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class Conflict(Exception):
    """The object changed since the client read it (or the action clashes with its state)."""


class Forbidden(Exception):
    """The user may see the object but not do this to it; ``str(error)`` says why."""


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


ERROR_CODES = (400, 401, 403, 404, 409, 422, 429)


def answers(ok: int | tuple[int, ...] = 200, schema=None) -> dict:
    """The responses a route documents: its success, then the JSON error of every failure."""
    codes = ok if isinstance(ok, tuple) else (ok,)
    out = dict.fromkeys(codes, schema)
    out.update(dict.fromkeys(ERROR_CODES, ErrorOut))
    return out


def if_match(request) -> str:
    """The ``If-Match`` header without quotes or weak marker; empty when absent."""
    return (request.headers.get("If-Match") or "").strip().strip('W/"').strip('"')


def expected_version(request, body_version: int | None) -> int:
    """The version the client last read: ``If-Match`` (quotes allowed) or ``version``."""
    header = if_match(request)
    if header:
        if not header.isdecimal():
            raise ValidationError({"If-Match": _("Send the version number you read, e.g. 3.")})
        return int(header)
    if body_version is None:
        raise ValidationError(
            {"version": _("Send the version you read (If-Match header or “version” field).")}
        )
    return body_version


def bump_version(instance: models.Model, expected: int) -> None:
    """Compare-and-set: bump ``version`` only if it still is ``expected``; 409 otherwise.
    Call inside the transaction that saves the change, before saving it."""
    model = type(instance)
    new = locking.bump_version(model, instance.pk, expected)
    if new is None:
        current = model.objects.filter(pk=instance.pk).values_list("version", flat=True).first()
        raise Conflict(
            _(
                "This was changed by someone else (version %(current)s, you sent %(sent)s); "
                "read it again and retry."
            )
            % {"current": current, "sent": expected}
        )
    instance.version = new


class Page(LimitOffsetPagination):
    """``limit`` (1–500, default 50) and ``offset``; callers order their querysets by pk."""

    class Input(QuerySchema):
        limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=10**9)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_PAGE_SIZE, **kwargs)


class RowRef:
    """An import's row error re-addressed to the JSON body: ``rows.<index>.<column>``."""

    def __init__(self, error):
        self.line, self.message = error.line, error.message
        self.field = f"rows.{error.line - 1}" + (f".{error.column}" if error.column else "")


def refuse_rows(error_class, report) -> None:
    """Raise ``error_class`` carrying every row error of an all-or-nothing import report."""
    error = error_class(_("Nothing was written: %(n)s row(s) refused.") % {"n": report.rejected})
    error.errors = [RowRef(row_error) for row_error in report.errors]
    raise error
