"""Mentorship services, one module per use case: lifecycle, goals, schedule, journal, closing,
calendar, reminders, coaching. Each takes model instances and the actor, owns its transaction
and raises ``MentorshipError`` with a message for the user."""
