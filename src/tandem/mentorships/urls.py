from django.urls import path

from tandem.mentorships.views import (
    calendar,
    closing,
    goals,
    meetings,
    mentorship,
    proposals,
)

app_name = "mentorships"

urlpatterns = [
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar-feed"),
    path("mentorships/", mentorship.mentorship_list, name="list"),
    path("mentorships/<int:pk>/", mentorship.mentorship_page, name="detail"),
    path("mentorships/<int:pk>/accept/", proposals.accept, name="accept"),
    path("mentorships/<int:pk>/decline/", proposals.decline, name="decline"),
    path("mentorships/<int:pk>/charter/", proposals.charter, name="charter"),
    path("mentorships/<int:pk>/end/", proposals.end, name="end"),
    path("mentorships/<int:pk>/closing/", closing.closing_review, name="closing"),
    path("mentorships/<int:pk>/complete/", closing.complete, name="complete"),
    path("mentorships/<int:pk>/goals/new/", goals.add_goal, name="goal-add"),
    path("mentorships/goals/<int:pk>/", goals.goal_page, name="goal"),
    path("mentorships/goals/<int:pk>/milestones/", goals.add_milestone, name="milestone-add"),
    path("mentorships/milestones/<int:pk>/reach/", goals.reach_milestone, name="milestone-reach"),
    path("mentorships/meetings/<int:pk>/", meetings.meeting_page, name="meeting"),
    path("mentorships/meetings/<int:pk>/agenda/", meetings.agenda, name="agenda"),
    path("mentorships/meetings/<int:pk>/prepare/", meetings.prepare, name="prepare"),
    path("mentorships/meetings/<int:pk>/log/", meetings.write_log, name="log"),
    path("mentorships/meetings/<int:pk>/move/", meetings.move, name="move"),
    path("mentorships/meetings/<int:pk>/status/", meetings.set_status, name="meeting-status"),
    path("mentorships/meetings/<int:pk>/invite.ics", meetings.invitation, name="meeting-ics"),
    path("mentorships/calendar/", calendar.calendar_page, name="calendar"),
    path("mentorships/calendar/link/", calendar.create_feed, name="calendar-create"),
    path("mentorships/calendar/revoke/", calendar.revoke_feed, name="calendar-revoke"),
]
