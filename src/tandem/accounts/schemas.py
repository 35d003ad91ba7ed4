"""The bases every API schema that reads a request inherits, so that a new route is strict
without thinking about it:

- ``InputSchema`` (request bodies): a JSON object only (a list, a number or ``null`` is not
  coerced into one), each field of its JSON type (no ``"5"`` for a number, no ``1`` for
  ``true``, no number for a text), and texts without control characters;
- ``QuerySchema`` (query-string filters, whose values are always text): the text rules only.

A ``str`` field is one line (no line break, no tab); a field that holds paragraphs is
annotated ``Text`` (``notes: Text = ""``). NUL and other control characters are refused in both.

A request body may also be a ninja ``ModelSchema`` on this base (``class LogIn(ModelSchema,
InputSchema)``): its model's text columns are then ``Text``, ``""`` when left out (see
``InputSchema.__pydantic_init_subclass__``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import types
import uuid
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BaseModel, ValidationInfo, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from tandem.operations.text import text_problem


class MultiLine:
    """Marks a text field that may hold line breaks (see ``Text``)."""

    def __repr__(self) -> str:
        return "MultiLine()"


Text = Annotated[str, MultiLine()]


def _is_output(info: ValidationInfo) -> bool:
    """Ninja validates responses with ``response_status`` in the context; requests without."""
    return isinstance(info.context, dict) and "response_status" in info.context


def _walk(annotation) -> Iterator[Any]:
    yield annotation
    for arg in get_args(annotation):
        yield from _walk(arg)
    if get_origin(annotation) is Annotated:
        yield from annotation.__metadata__


def _multi_line(field) -> bool:
    return any(isinstance(m, MultiLine) for m in field.metadata) or any(
        isinstance(part, MultiLine) for part in _walk(field.annotation)
    )


def _holds_model(annotation) -> bool:
    return any(isinstance(p, type) and issubclass(p, BaseModel) for p in _walk(annotation))


def _texts(value, path: str, *, into_dicts: bool) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}.{index}", into_dicts=into_dicts)
    elif isinstance(value, dict) and into_dicts:
        for key, item in value.items():
            yield from _texts(key, path, into_dicts=into_dicts)
            yield from _texts(item, f"{path}.{key}", into_dicts=into_dicts)


class QuerySchema(Schema):
    """Filters read from the query string: every text checked (see ``operations.text``)."""

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_control_characters(cls, value, info: ValidationInfo):
        if _is_output(info) or info.field_name is None:
            return value
        field = cls.model_fields[info.field_name]
        one_line = not _multi_line(field)
        for path, text in _texts(value, "", into_dicts=not _holds_model(field.annotation)):
            problem = text_problem(text, one_line=one_line)
            if problem:
                where = f"{info.field_name}{path}"
                raise PydanticCustomError(
                    "text", "{where} {problem}", {"where": where, "problem": problem}
                )
        return value


JSON_NAMES = {
    bool: "boolean",
    int: "number",
    float: "number",
    str: "string",
    list: "array",
    dict: "object",
    type(None): "null",
}


def json_type(value) -> str:
    for kind, name in JSON_NAMES.items():
        if type(value) is kind:
            return name
    return type(value).__name__


def conforms(value, annotation) -> bool:
    """Whether a value parsed from JSON has the JSON type ``annotation`` asks for; pydantic
    then checks ranges and formats, but never converts one JSON type into another."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if annotation is Any or annotation is object:
        return True
    if origin is Annotated:
        return conforms(value, args[0])
    if origin in (Union, types.UnionType):
        return any(conforms(value, arg) for arg in args)
    if annotation is None or annotation is type(None):
        return value is None
    if origin is Literal:
        return any(value == arg and type(value) is type(arg) for arg in args)
    if origin in (list, tuple, set, frozenset):
        items = [a for a in args if a is not Ellipsis] or [Any]
        return isinstance(value, list) and all(
            any(conforms(item, a) for a in items) for item in value
        )
    if origin is dict:
        inner = args[1] if len(args) == 2 else Any
        return isinstance(value, dict) and all(conforms(v, inner) for v in value.values())
    if not isinstance(annotation, type):
        return True
    return _conforms_to_class(value, annotation)


def _conforms_to_class(value, kind: type) -> bool:
    if issubclass(kind, BaseModel) or issubclass(kind, Mapping) or kind is dict:
        return isinstance(value, dict)
    if isinstance(value, bool) or issubclass(kind, bool):
        return isinstance(value, bool) and (issubclass(kind, bool) or _enum_of(kind, value))
    if issubclass(kind, enum.Enum):
        return _enum_of(kind, value) or isinstance(value, kind)
    if issubclass(kind, int):
        return isinstance(value, int)
    if issubclass(kind, float | decimal.Decimal):
        return isinstance(value, int | float)
    if issubclass(kind, str | dt.date | dt.time | uuid.UUID):
        return isinstance(value, str)
    if issubclass(kind, dt.timedelta):
        return isinstance(value, str | int | float)
    if issubclass(kind, list | tuple | set):
        return isinstance(value, list)
    return True


def _enum_of(kind: type, value) -> bool:
    return issubclass(kind, enum.Enum) and any(type(member.value) is type(value) for member in kind)


def _expected(annotation) -> str:
    names = []
    for part in _walk(annotation):
        if isinstance(part, type):
            if issubclass(part, enum.Enum):
                names += [JSON_NAMES.get(type(m.value), "string") for m in part]
            for kind, name in JSON_NAMES.items():
                if issubclass(part, kind) and not (kind is int and issubclass(part, bool)):
                    names.append(name)
                    break
            else:
                if issubclass(part, BaseModel):
                    names.append("object")
                elif issubclass(part, dt.date | dt.time | uuid.UUID):
                    names.append("string")
        elif part is None:
            names.append("null")
    return " or ".join(dict.fromkeys(names)) or "?"


def _text_column(model, name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return isinstance(field, models.TextField) and not field.null


def _texts_from_model(schema) -> bool:
    """Make the schema's fields read from its model's text columns ``Text = ""``; whether any
    changed."""
    model = getattr(getattr(schema, "Meta", None), "model", None)
    changed = False
    for name, field in list(schema.__pydantic_fields__.items()):
        if model is None or _multi_line(field) or not _text_column(model, name):
            continue
        text = FieldInfo.from_annotated_attribute(Text, "")
        text.title, text.description = field.title, field.description
        schema.__pydantic_fields__[name] = text
        changed = True
    return changed


class InputSchema(QuerySchema):
    """A JSON request body: an object whose fields have exactly their JSON types."""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs):
        """A ``ModelSchema`` would take a blank text column as ``str | None = None``; a text
        column holds no null, so a body gives a string or leaves the field out (``""``), as a
        field written by hand as ``Text = ""``, paragraphs allowed."""
        super().__pydantic_init_subclass__(**kwargs)
        if _texts_from_model(cls):
            cls.model_rebuild(force=True)

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, values, handler, info: ValidationInfo):
        if not _is_output(info) and not isinstance(values, Mapping | BaseModel):
            raise PydanticCustomError(
                "model_type",
                _("send a JSON object, not %(found)s") % {"found": json_type(values)},
            )
        return super()._run_root_validator(values, handler, info)

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_other_json_types(cls, value, info: ValidationInfo):
        if _is_output(info) or info.field_name is None:
            return value
        annotation = cls.model_fields[info.field_name].annotation
        if not conforms(value, annotation):
            raise PydanticCustomError(
                "json_type",
                _("expected %(expected)s, got %(found)s")
                % {"expected": _expected(annotation), "found": json_type(value)},
            )
        return value
