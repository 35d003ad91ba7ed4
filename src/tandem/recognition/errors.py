"""The one exception of the recognition app; its message is written for the user."""


class RecognitionError(Exception):
    """A certificate or testimonial action cannot be done; ``str(error)`` says why."""
