"""Signing in never fails because the shared cache does: the load benchmark's sign-ins were
500s while the cache's table was missing. Now the sign-in, the password reset and the API go
on (nothing counted, the failure logged) and ``tandem check`` names the cache (tandem.E002)."""

import logging
import socket
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client

from tandem.envconf import cache_from_url
from tests import factories as f

LOGIN = "/accounts/login/"
MISSING_TABLE = {
    "default": {
        "BACKEND": "tandem.operations.cache.DatabaseCache",
        "LOCATION": "tandem_cache_that_is_not_there",
    }
}


REDIS_DOWN = {  # nothing listens on port 1; the password must not be printed
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://:s3cret@127.0.0.1:1/0",
    }
}


@pytest.fixture(params=["missing table", "redis down"])
def cache_down(request, settings):
    settings.CACHES = MISSING_TABLE if request.param == "missing table" else REDIS_DOWN
    return request.param


def test_sign_in_works_and_is_logged_while_the_cache_table_is_missing(cast, cache_down, caplog):
    client = Client(raise_request_exception=True)
    with caplog.at_level(logging.ERROR, logger="tandem.cache"):
        wrong = client.post(LOGIN, {"username": cast.mentor.email, "password": "nope"})
        right = client.post(LOGIN, {"username": cast.mentor.email, "password": f.PASSWORD})
    assert wrong.status_code == 200
    assert "do not match" in wrong.content.decode()
    assert right.status_code == 302
    assert client.session[SESSION_KEY] == str(cast.mentor.pk)
    assert client.get("/").status_code == 200  # the database connection is still usable
    assert any("shared cache cannot be reached" in r.getMessage() for r in caplog.records)


def test_a_redis_that_never_answers_costs_a_sign_in_seconds_not_a_hang(cast, settings):
    silent = socket.socket()  # accepts connections, never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    with silent:
        url = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
        settings.CACHES = {"default": cache_from_url(url)}
        started = time.monotonic()
        answer = Client().post(LOGIN, {"username": cast.mentor.email, "password": "nope"})
        assert answer.status_code == 200
        assert time.monotonic() - started < 10  # two cache calls, each given up after 2 s


def test_password_reset_and_the_api_go_on_while_the_cache_is_down(cast, cache_down):
    from tandem.accounts.tokens import create_token

    client = Client(raise_request_exception=True)
    reset = client.post("/accounts/password/reset/", {"email": cast.mentee.email})
    assert reset.status_code == 302
    token = create_token(cast.mentee, "cache down")[1]
    answer = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.content


def test_tandem_check_names_a_cache_that_does_not_answer(db, cache_down):
    with pytest.raises(SystemCheckError) as failure:
        call_command("check")
    said = str(failure.value)
    assert "tandem.E002" in said and "s3cret" not in said
    if cache_down == "missing table":
        assert "table tandem_cache_that_is_not_there" in said and "tandem migrate" in said
    else:
        assert "redis://127.0.0.1:1" in said and "TANDEM_CACHE_URL" in said


def test_tandem_check_is_quiet_when_the_cache_answers(db, capsys):
    call_command("check")
    assert "tandem.E002" not in capsys.readouterr().out
