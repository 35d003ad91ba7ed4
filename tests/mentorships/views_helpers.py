"""Small helpers for the page tests: sign a cast member in, read a page as text."""

from tandem.accounts.models import User

BACKEND = "django.contrib.auth.backends.ModelBackend"


def sign_in(client, user):
    client.force_login(user, backend=BACKEND)
    return client


def text(response) -> str:
    return response.content.decode()


def superuser():
    return User.objects.create_superuser(email="root@example.com", password="x-long-password-1")


def strangers(cast) -> dict:
    """Everyone who must not read what a pair writes."""
    return {
        "coach": cast.coach,
        "manager": cast.manager,
        "other member": cast.other_member,
        "outsider": cast.outsider,
        "sponsor": cast.sponsor,
        "superuser": superuser(),
    }
