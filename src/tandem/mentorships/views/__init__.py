"""The mentor's, mentee's and coach's pages, one module per use case; each view starts with
a permission helper from ``tandem.mentorships.permissions`` so anyone else gets a 404."""

from tandem.mentorships.views.calendar import calendar_feed

__all__ = ["calendar_feed"]
