"""Arbitrary Unicode (NUL, control characters, lone surrogates included) in every field of
every API route's body and of every form of the project — both found by discovery, so routes
and forms added later are covered. Never a 500; text with a control character is never
accepted. CI runs it on SQLite and PostgreSQL (where NUL used to be a 500)."""

import importlib
import inspect
import json
import pkgutil
import re

import pytest
from django import forms
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import tandem
from tandem.accounts.forms import CleanTextMixin
from tandem.accounts.schemas import InputSchema, QuerySchema, conforms
from tandem.api import api as ninja_api
from tandem.operations.text import bad_character

TEXT = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=40),
    st.text(max_size=20).map(lambda t: t + "\x00" + t),
    st.sampled_from(["a\r\nb", "\t", "\x1b[31m", "x\u2028y", "\ud800", "é" * 3]),
)
FUZZ = settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def body_routes() -> list[tuple[str, str, type]]:
    found = []
    for _prefix, router in ninja_api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for model in operation.models:
                    if model.__ninja_param_source__ == "body":
                        schema = model.model_fields["payload"].annotation
                        found += [(m, path, schema) for m in operation.methods]
    return sorted(found, key=lambda r: (r[1], r[0]))


ROUTES = body_routes()


def test_every_body_and_query_schema_is_strict():
    assert len(ROUTES) >= 20
    for method, path, schema in ROUTES:
        if getattr(schema, "__origin__", None) is list:
            schema = schema.__args__[0]
        assert issubclass(schema, InputSchema), f"{method} {path}: {schema.__name__}"
    for _prefix, router in ninja_api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for model in operation.models:
                    if model.__ninja_param_source__ == "query":
                        for field in model.model_fields.values():
                            kind = field.annotation
                            if inspect.isclass(kind) and issubclass(kind, BaseSchema):
                                assert issubclass(kind, QuerySchema), f"{path}: {kind}"


from ninja import Schema as BaseSchema  # noqa: E402


def _value(annotation, text: str, ids: dict):
    if conforms(text, annotation):
        return text
    if conforms([text], annotation):
        return [text]
    if conforms({text: text}, annotation):
        return {text: text}
    if conforms(1, annotation):
        return ids["person_id"]
    return None


def _body(schema, text: str, ids: dict):
    if getattr(schema, "__origin__", None) is list:
        return [_body(schema.__args__[0], text, ids)]
    body = {}
    for name, field in schema.model_fields.items():
        value = _value(field.annotation, text, ids)
        if value is not None or field.is_required():
            body[field.alias or name] = value
    return body


@pytest.fixture
def ids(world):
    """A value for every path parameter; ``<first segment>.<name>`` when two routes give the
    same name to different objects (``request_id``)."""
    import datetime as dt

    from django.utils import timezone

    from tandem.mentorships.models import MentorRequest, Project
    from tandem.mentorships.services import projects
    from tandem.people.models import EndorsementRequest
    from tandem.programs.models import TrainingModule

    cast = world.cast
    competence = cast.mentor.person.competences.first()
    asked = EndorsementRequest.objects.create(
        competence=competence, colleague=cast.mentee.person, level=2
    )
    mentor_request = MentorRequest.objects.create(
        program=world.program,
        mentee=cast.mentee.person,
        mentor=cast.mentor.person,
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    step = projects.add_milestone(Project.objects.create(mentorship=world.pair), cast.mentor, "A")
    module = TrainingModule.objects.filter(questions__isnull=False).first()
    world.program.required_modules.add(module)
    return {
        "endorsement-requests.request_id": asked.pk,
        "mentor-requests.request_id": mentor_request.pk,
        "milestone_id": step.pk,
        "slug": module.slug,
        "person_id": world.cast.mentee.person.pk,
        "program_id": world.program.pk,
        "mentorship_id": world.pair.pk,
        "meeting_id": world.meeting.pk,
        "goal_id": 1,
        "competence_id": 1,
        "due_id": 1,
        "organization_id": world.cast.mentee.person.organization_id,
    }


def _path_value(ids: dict, head: str, name: str):
    return ids[f"{head}.{name}"] if f"{head}.{name}" in ids else ids[name]


@pytest.mark.parametrize(
    ("method", "path", "schema"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES]
)
def test_any_text_in_any_api_body(api, world, ids, method, path, schema):
    head = path.split("/")[1]
    url = "/api/v1" + re.sub(r"\{(\w+)\}", lambda m: str(_path_value(ids, head, m[1])), path)
    headers = {"Authorization": f"Bearer {api.token(world.cast.manager)}"}
    mentee = {"Authorization": f"Bearer {api.token(world.cast.mentee)}"}

    @FUZZ
    @given(text=TEXT)
    @example(text="nul\x00byte")
    def check(text):
        body = _body(schema, text, ids)
        data = json.dumps(body)
        carried = json.dumps(text) in data
        for who in (headers, mentee):
            response = getattr(api.client, method.lower())(
                url, data=data, content_type="application/json", headers=who
            )
            assert response.status_code < 500, (text, response.content[:300])
            assert response["Content-Type"].startswith("application/json")
            if carried and bad_character(text, one_line=False):
                assert response.status_code >= 400, (text, response.content[:300])

    check()


def project_forms() -> list[type]:
    for info in pkgutil.walk_packages(tandem.__path__, "tandem."):
        if ".migrations" not in info.name and ".management" not in info.name:
            importlib.import_module(info.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("tandem.") and not sub.__name__.startswith("_"):
                found.add(sub)
    return sorted(found, key=lambda c: (c.__module__, c.__name__))


FORMS = project_forms()
KWARGS = ({}, {"can_import_people": True}, {"instance": None})


def _admin_form(form_class):
    """A model form that leaves the model to the admin (``ProgramAdmin.form``) is built the
    way the admin builds it: a subclass with the model and the admin's fields."""
    from django.contrib import admin
    from django.test import RequestFactory

    from tandem.accounts.models import User

    request = RequestFactory().get("/")
    request.user = User(email="admin@example.com", is_staff=True, is_superuser=True)
    for model_admin in admin.site._registry.values():
        if model_admin.form is form_class:
            return model_admin.get_form(request)
    return form_class


def _bound(form_class, data, known=()):
    if issubclass(form_class, forms.BaseModelForm) and form_class._meta.model is None:
        form_class = _admin_form(form_class)
    for extra in (*KWARGS, *known):
        try:
            return form_class(data=data, **extra)
        except (TypeError, KeyError, AttributeError):
            continue
    try:
        from tandem.accounts.models import User

        user = User(email="fuzz@example.com")
        user.set_password("a-long-fuzzing-password")
        return form_class(user, data=data)  # the password forms take the user first
    except (TypeError, KeyError, AttributeError):
        pytest.skip(f"{form_class.__name__} needs arguments this test does not know")


def test_every_form_of_the_project_refuses_control_characters():
    assert len(FORMS) >= 30
    missing = [f"{c.__module__}.{c.__name__}" for c in FORMS if not issubclass(c, CleanTextMixin)]
    assert missing == []


@pytest.fixture
def known(cast):
    """The objects some forms are built around (a pair, a program, an enrolment, a quiz)."""
    from tandem.mentorships.services import lifecycle
    from tandem.programs.models import Enrolment, Program, TrainingModule

    pair = lifecycle.create_mentorship(
        cast.program, [cast.mentor.person], [cast.mentee.person], cast.manager
    )
    enrolment = Enrolment.objects.filter(program=cast.program).first()
    return (
        {"mentorship": pair},
        {"mentorship": pair, "goals": []},
        {"instance": cast.program},
        {"enrolment": enrolment, "limit": 3},
        {"program": cast.program},
        {"programs": Program.objects.all()},
        {"module": TrainingModule.objects.filter(questions__isnull=False).first()},
    )


@pytest.mark.parametrize("form_class", FORMS, ids=[c.__name__ for c in FORMS])
def test_any_text_in_any_form(form_class, known):
    @FUZZ
    @given(text=TEXT)
    @example(text="nul\x00byte")
    def check(text):
        probe = _bound(form_class, {}, known)
        data = {name: text for name in probe.fields}
        form = _bound(form_class, data, known)
        form.is_valid()  # never raises
        for name, field in form.fields.items():
            if isinstance(field, forms.CharField) and bad_character(text, one_line=False):
                assert (
                    name not in form.cleaned_data
                    or not form.cleaned_data[name]
                    or (bad_character(str(form.cleaned_data[name]), one_line=False) is None)
                ), (form_class.__name__, name, text)

    check()
