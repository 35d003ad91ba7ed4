"""Production settings, as `TANDEM_DEBUG=0` and the README's variables make them: Django's
deployment checklist finds nothing, HTTPS is forced and remembered (HSTS), cookies are
secure, and the process refuses to start without its secrets.

Settings are read once per process, so each case runs in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

TANDEM = Path(sys.executable).with_name("tandem")

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client, override_settings

# collectstatic's manifest is not built here; the headers are what is probed.
plain_storage = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
client = Client()
with override_settings(STORAGES=plain_storage):
    plain = client.get("/accounts/login/", HTTP_HOST="tandem.example.com")
    secure = client.get(
        "/accounts/login/", HTTP_HOST="tandem.example.com", HTTP_X_FORWARDED_PROTO="https"
    )
csrf = secure.cookies[settings.CSRF_COOKIE_NAME]
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location"),
    "status": secure.status_code,
    "headers": dict(secure.headers),
    "csrf_cookie": {"secure": csrf["secure"], "httponly": csrf["httponly"],
                    "samesite": csrf["samesite"]},
    "session_cookie": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY,
                       settings.SESSION_COOKIE_SAMESITE],
}))
"""


@pytest.fixture
def production_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TANDEM_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tandem.settings",
        TANDEM_DEBUG="0",
        TANDEM_SECRET_KEY="p" + Fernet.generate_key().decode() * 2,
        TANDEM_FIELD_KEYS=Fernet.generate_key().decode(),
        TANDEM_ALLOWED_HOSTS="tandem.example.com",
        TANDEM_CSRF_TRUSTED_ORIGINS="https://tandem.example.com",
        TANDEM_VAR_DIR=str(tmp_path),
    )
    env.pop("DATABASE_URL", None)
    return env


def run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)


def test_it_passes_the_deployment_checklist_without_a_warning(production_env):
    result = run([str(TANDEM), "check", "--deploy", "--fail-level", "WARNING"], production_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_it_redirects_to_https_and_sends_hardened_headers(production_env):
    result = run([sys.executable, "-c", PROBE], production_env)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["plain_status"] == 301
    assert seen["plain_location"] == "https://tandem.example.com/accounts/login/"
    assert seen["status"] == 200
    headers = seen["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert seen["csrf_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert seen["session_cookie"] == [True, True, "Lax"]


@pytest.mark.parametrize("missing", ["TANDEM_SECRET_KEY", "TANDEM_FIELD_KEYS"])
def test_it_refuses_to_start_without_its_secrets(production_env, missing):
    production_env.pop(missing)
    result = run([str(TANDEM), "check"], production_env)
    assert result.returncode != 0
    assert f"{missing} must be set when TANDEM_DEBUG is off." in result.stderr
