"""Production settings are safe by default and configuration errors fail loudly."""

import os
import secrets
import subprocess
import sys

import pytest

from tandem.envconf import envbool, envint, envlist


def _clean_environ() -> dict[str, str]:
    """The environment without what the test session itself set (the browser tests allow
    async-unsafe calls, which the deployment checks rightly refuse)."""
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _tandem(*args, **env):
    full_env = {**_clean_environ(), **env}
    return subprocess.run(
        [sys.executable, "-m", "tandem", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )


def test_it_passes_the_deployment_checks_with_production_settings(tmp_path):
    result = _tandem(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        TANDEM_DEBUG="0",
        TANDEM_SECRET_KEY=secrets.token_urlsafe(50),
        TANDEM_ALLOWED_HOSTS="tandem.example.com",
        TANDEM_FIELD_KEYS=secrets.token_urlsafe(32),
        TANDEM_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key(tmp_path):
    env = {"TANDEM_DEBUG": "0", "TANDEM_VAR_DIR": str(tmp_path)}
    os_env = {k: v for k, v in _clean_environ().items() if k != "TANDEM_SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-m", "tandem", "check"],
        capture_output=True,
        text=True,
        env={**os_env, **env},
        timeout=120,
    )
    assert result.returncode != 0
    assert "TANDEM_SECRET_KEY" in result.stderr


def test_it_reads_strict_environment_values(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    monkeypatch.setenv("X_INT", "12")
    monkeypatch.setenv("X_LIST", "a.example, b.example,")
    assert envbool("X_FLAG", False) is True
    assert envint("X_INT", 1) == 12
    assert envlist("X_LIST", []) == ["a.example", "b.example"]
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ValueError, match="X_FLAG"):
        envbool("X_FLAG", False)
    monkeypatch.setenv("X_INT", "twelve")
    with pytest.raises(ValueError, match="X_INT"):
        envint("X_INT", 1)


def test_it_hashes_passwords_with_argon2(db, settings):
    from tandem import settings as production_settings
    from tandem.accounts.models import User

    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS

    user = User.objects.create_user(email="Someone@Example.com", password="a-long-passphrase-1")
    assert user.password.startswith("argon2")
    assert user.email == "someone@example.com"
