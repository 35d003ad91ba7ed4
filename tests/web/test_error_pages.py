"""Error pages come in the app's frame (header, language switch, footer) with a way back to
the home page: 400, 403, 404, 500 and a refused form (CSRF)."""

import pytest
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from tandem.urls import urlpatterns as tandem_urls
from tests.mentorships.views_helpers import sign_in


def _boom(request):
    raise RuntimeError("boom")


def _bad(request):
    from django.core.exceptions import SuspiciousOperation

    raise SuspiciousOperation("bad")


def _denied(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def _form(request):
    return HttpResponse("ok")


urlpatterns = [
    path("test-boom/", _boom),
    path("test-bad/", _bad),
    path("test-denied/", _denied),
    path("test-form/", _form),
    *tandem_urls,
]


def _in_the_frame(page: str) -> None:
    assert 'class="site-header"' in page and 'class="site-footer"' in page
    assert 'href="/"' in page and "Back to your home page" in page
    assert 'rel="icon"' in page


@override_settings(DEBUG=False)
def test_it_answers_an_unknown_page_with_a_translated_404(client, db):
    response = client.get("/no-such-page/", headers={"accept-language": "fr"})
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page introuvable" in page
    assert '<html lang="fr">' in page


@override_settings(DEBUG=False)
def test_it_answers_an_unknown_page_in_english_by_default(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    _in_the_frame(response.content.decode())


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_it_answers_a_crash_with_a_500_in_the_frame(db, cast):
    client = Client(raise_request_exception=False)
    sign_in(client, cast.manager)
    response = client.get("/test-boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page and '<html lang="en">' in page
    _in_the_frame(page)


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
@pytest.mark.parametrize(
    ("url", "status", "text"),
    [
        ("/test-bad/", 400, "This request could not be handled"),
        ("/test-denied/", 403, "Not allowed"),
    ],
)
def test_it_answers_refusals_in_the_frame(client, db, url, status, text):
    response = client.get(url)
    assert response.status_code == status
    assert text in response.content.decode()
    _in_the_frame(response.content.decode())


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_it_explains_a_refused_form_and_offers_a_way_back(db, cast):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, cast.mentee)
    response = client.post("/test-form/", {"x": "1"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "This form has expired" in page and "reload the page" in page
    _in_the_frame(page)
    assert 'aria-label="Main"' in page  # the signed-in person keeps their header


def test_it_serves_a_favicon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
