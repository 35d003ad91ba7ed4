"""The one exception of the mentorships app; its message is written for the user."""


class MentorshipError(Exception):
    """A mentorship action cannot be done; ``str(error)`` says why, translated."""
