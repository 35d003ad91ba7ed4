"""The one exception of the mentorships app; its message is written for the user."""


class MentorshipError(Exception):
    """A mentorship action cannot be done; ``str(error)`` says why, translated."""


class MentorshipForbidden(MentorshipError):
    """The actor may see the pair but not do this (a manager logging a meeting, a participant
    acting for the other one): the API answers 403, pages show the message like any other."""
