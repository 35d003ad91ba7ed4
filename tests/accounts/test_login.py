from tandem.accounts.models import User
from tests import factories as f


def _login(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_it_signs_in_with_the_email_in_any_case(client, cast):
    response = _login(client, cast.mentor.email.upper(), f.PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_it_shows_an_error_for_a_wrong_password(client, cast):
    response = _login(client, cast.mentor.email, "not-the-password")
    assert response.status_code == 200
    page = response.content.decode()
    assert "This email and password do not match" in page
    assert 'role="alert"' in page
    assert client.get("/").status_code == 302


def test_it_labels_the_form_fields(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert '<label for="id_username">Email</label>' in page
    assert 'type="email"' in page and 'autocomplete="current-password"' in page


def test_it_locks_sign_in_after_five_failures(client, cast):
    for _ in range(4):
        assert _login(client, cast.mentor.email, "wrong-password").status_code == 200
    locked = _login(client, cast.mentor.email, "wrong-password")
    assert locked.status_code == 429
    assert "Sign-in is locked" in locked.content.decode()
    again = _login(client, cast.mentor.email, f.PASSWORD)
    assert again.status_code == 429
    assert client.get("/").status_code == 302


def test_it_signs_out_with_a_post(client, cast):
    client.force_login(cast.mentor)
    page = client.get("/").content.decode()
    assert 'action="/accounts/logout/"' in page
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_it_sends_signed_in_users_away_from_the_login_page(client, cast):
    client.force_login(cast.mentor)
    assert client.get("/accounts/login/")["Location"] == "/"
    assert User.objects.filter(email=cast.mentor.email).exists()


def test_it_counts_failures_whatever_the_case_of_the_email(client, cast):
    email = cast.mentor.email
    for variant in [email, email.upper(), email.title(), email.upper()]:
        assert _login(client, variant, "wrong-password").status_code == 200
    assert _login(client, email.capitalize(), "wrong-password").status_code == 429
