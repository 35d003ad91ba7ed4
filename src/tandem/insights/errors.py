"""The one exception of the insights app; its message is written for the user."""


class InsightsError(Exception):
    """A survey, export or report cannot be done; ``str(error)`` says why, translated."""
