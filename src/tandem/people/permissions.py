"""Who may manage the people directory: HR program managers and superusers."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from tandem.people.models import Competence, EndorsementRequest, Person


def can_manage_directory(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.is_program_manager)


def require_directory_manager(user) -> None:
    if not can_manage_directory(user):
        raise Http404


def get_competence_for_directory_manager(user, pk) -> Competence:
    require_directory_manager(user)
    return get_object_or_404(Competence.objects.select_related("person", "topic"), pk=pk)


def person_or_404(user) -> Person:
    """The person linked to the signed-in account; 404 without one."""
    return get_object_or_404(Person, user_id=getattr(user, "pk", None))


def get_person_for(user, pk) -> Person:
    """A person's profile: the person themselves and directory managers; 404 for others."""
    person = get_object_or_404(Person.objects.select_related("organization", "manager"), pk=pk)
    if can_manage_directory(user) or (
        getattr(user, "is_authenticated", False) and person.user_id == user.pk
    ):
        return person
    raise Http404


def get_own_competence(user, pk) -> Competence:
    """One of the signed-in person's own competences; 404 for anyone else's."""
    return get_object_or_404(
        Competence.objects.select_related("person", "topic"),
        pk=pk,
        person__user_id=getattr(user, "pk", None),
    )


def get_endorsement_request_for(user, pk):
    """A request asked of the signed-in person (only they answer it); 404 otherwise."""
    return get_object_or_404(
        EndorsementRequest.objects.select_related("competence__person", "competence__topic"),
        pk=pk,
        colleague__user_id=getattr(user, "pk", None),
    )
