"""Security headers on every kind of page: a Content Security Policy that allows no inline
script or style, frame denial, referrer policy; and templates that keep the policy workable
(no inline code for a future edit to "fix" by loosening the policy)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

import tandem

TEMPLATES = Path(tandem.__file__).parent
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
EXPECTED = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
}


def policy(response) -> dict[str, set[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: set(values) for name, *values in directives}


def assert_hardened(response) -> None:
    csp = policy(response)
    for name, values in EXPECTED.items():
        assert csp.get(name) == values, (name, csp.get(name))
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_it_sends_the_policy_on_the_login_page(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert_hardened(response)


@pytest.mark.parametrize("role", ["manager", "mentor", "sponsor"])
def test_it_sends_the_policy_on_each_home_page(client, cast, role):
    client.force_login(getattr(cast, role))
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    assert_hardened(response)


def test_it_sends_the_policy_on_pages_of_other_apps(client, cast):
    client.force_login(cast.manager)
    for url in (
        reverse("programs:list"),
        reverse("people:profile"),
        reverse("mentorships:calendar"),
        "/admin/login/",
        "/no-such-page/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 302, 404), url
        assert_hardened(response)


def test_it_keeps_the_api_docs_working_under_the_policy(client, cast):
    """Ninja's Swagger page loads its settings as JSON and its code from static files."""
    client.force_login(cast.manager)
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert "swagger-ui-init.js" in html


@pytest.mark.django_db
def test_it_turns_off_htmx_injected_styles(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '"includeIndicatorStyles": false' in html
    assert "web/vendor/htmx-indicator.css" in html


def test_it_has_no_inline_code_in_any_template():
    offenders = []
    for path in sorted(TEMPLATES.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, HANDLER, STYLE):
            for match in pattern.finditer(text):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {match.group(0)[:60]}")
    assert not offenders, offenders


def test_the_pattern_catches_what_the_policy_would_block():
    """The scan above would fail on each kind of inline code."""
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js"></script>')
    assert HANDLER.search('<button onclick="go()">')
    assert STYLE.search('<p style="color: red">')
    assert STYLE.search("<style>p{}</style>")
