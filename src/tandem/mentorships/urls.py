from django.urls import path

from tandem.mentorships.views import (
    calendar,
    closing,
    goals,
    meeting_calendar,
    meetings,
    mentorship,
    project,
    proposals,
    requests,
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
    path("mentorships/<int:pk>/project/", project.project_page, name="project"),
    path(
        "mentorships/<int:pk>/project/milestones/",
        project.add_milestone,
        name="project-milestone-add",
    ),
    path(
        "mentorships/project-milestones/<int:pk>/",
        project.edit_milestone,
        name="project-milestone",
    ),
    path(
        "mentorships/project-milestones/<int:pk>/delete/",
        project.delete_milestone,
        name="project-milestone-delete",
    ),
    path("mentorships/meetings/<int:pk>/", meetings.meeting_page, name="meeting"),
    path("mentorships/meetings/<int:pk>/agenda/", meetings.agenda, name="agenda"),
    path("mentorships/meetings/<int:pk>/prepare/", meetings.prepare, name="prepare"),
    path("mentorships/meetings/<int:pk>/log/", meetings.write_log, name="log"),
    path("mentorships/meetings/<int:pk>/move/", meetings.move, name="move"),
    path("mentorships/meetings/<int:pk>/status/", meetings.set_status, name="meeting-status"),
    path("mentorships/meetings/<int:pk>/invite.ics", meetings.invitation, name="meeting-ics"),
    path(
        "mentorships/meetings/<int:pk>/reply/",
        meeting_calendar.upload_reply,
        name="meeting-reply",
    ),
    path("mentorships/<int:pk>/video/", meeting_calendar.set_video_link, name="video-link"),
    path("mentorships/calendar/", calendar.calendar_page, name="calendar"),
    path("mentorships/calendar/link/", calendar.create_feed, name="calendar-create"),
    path("mentorships/calendar/revoke/", calendar.revoke_feed, name="calendar-revoke"),
    path("me/mentors/<slug:slug>/", requests.choose_mentor, name="choose-mentor"),
    path("me/requests/", requests.my_requests, name="requests"),
    path("me/requests/<int:pk>/accept/", requests.accept, name="request-accept"),
    path("me/requests/<int:pk>/decline/", requests.decline, name="request-decline"),
    path("me/requests/<int:pk>/withdraw/", requests.withdraw, name="request-withdraw"),
    path("programs/<slug:slug>/requests/", requests.program_requests, name="program-requests"),
    path(
        "programs/<slug:slug>/requests/<int:pk>/approve/", requests.approve, name="request-approve"
    ),
    path("programs/<slug:slug>/requests/<int:pk>/refuse/", requests.refuse, name="request-refuse"),
]
