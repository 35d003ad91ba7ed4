"""How to reach a person: the ``Recipient`` the notice seam needs, from their contact
preference (email by default), and the preference's changes from their profile."""

from __future__ import annotations

from django.conf import settings

from tandem.operations.notices import Recipient, slack_enabled
from tandem.people.models import ContactPreference, Person

Channel = ContactPreference.Channel


def preference_of(person: Person) -> ContactPreference:
    """The person's saved preference, or the default (email) unsaved."""
    try:
        return person.contact_preference
    except ContactPreference.DoesNotExist:
        return ContactPreference(person=person)


def recipient_for(person: Person) -> Recipient:
    preference = preference_of(person)
    return Recipient(
        email=person.email,
        language=person.mail_language,
        by_email=preference.channel != Channel.CHAT,
        by_chat=preference.channel != Channel.EMAIL,
        slack_user=preference.slack_user,
        person_id=person.pk,
    )


def recipient_for_user(user) -> Recipient:
    """A user's person when linked (their choice and language), else their email alone."""
    person = getattr(user, "person", None)
    if person is not None:
        return recipient_for(person)
    return Recipient(email=user.email, language=settings.LANGUAGE_CODE)


def save_preference(person: Person, channel: str, slack_user: str) -> ContactPreference:
    ContactPreference.objects.update_or_create(
        person=person, defaults={"channel": channel, "slack_user": slack_user.strip()}
    )
    return preference_of(Person.objects.get(pk=person.pk))


def chat_available() -> bool:
    return slack_enabled()
