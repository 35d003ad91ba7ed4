"""Every page runs in the signed-in person's time zone, not the server's."""

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from tandem.people.middleware import PersonTimeZoneMiddleware
from tests import factories as f


def _zone_seen_by_view(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    middleware = PersonTimeZoneMiddleware(lambda r: timezone.get_current_timezone_name())
    return middleware(request)


def test_a_person_sees_their_own_zone_and_the_server_zone_comes_back_after(db, settings):
    person = f.person(timezone="America/Toronto", with_user=True)
    assert _zone_seen_by_view(person.user) == "America/Toronto"
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def test_anonymous_users_accounts_without_person_and_unknown_zones_use_the_server_zone(
    db, settings
):
    from tandem.accounts.models import User

    bare = User.objects.create_user(email="bare@example.com", password="x-long-passphrase-1")
    odd = f.person(timezone="Mars/Olympus_Mons", with_user=True)
    for user in (AnonymousUser(), bare, odd.user):
        assert _zone_seen_by_view(user) == settings.TIME_ZONE
