"""Labels for status values the coach's overview carries as plain strings."""

from django import template

from tandem.mentorships.models import Goal, Mentorship

register = template.Library()


@register.filter
def mentorship_status(value: str) -> str:
    return str(dict(Mentorship.Status.choices).get(value, value))


@register.filter
def goal_status(value: str) -> str:
    return str(dict(Goal.Status.choices).get(value, value))
