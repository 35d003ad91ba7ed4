"""People pages. Manager side (competence review) first; the participants' own profile
pages (``views/profile.py``) append their routes below."""

from django.urls import path

from tandem.people.views import (
    competences,
    connections,
    directories,
    endorsements,
    linkedin,
    profile,
)

app_name = "people"

urlpatterns = [
    # Manager side: reviewing and verifying competences.
    path("competences/", competences.directory_competences, name="competences"),
    path("directories/", directories.directory_list, name="directories"),
    path(
        "competences/<int:pk>/assess/",
        competences.directory_evidence,
        {"kind": "assess"},
        name="competence-assess",
    ),
    path(
        "competences/<int:pk>/certify/",
        competences.directory_evidence,
        {"kind": "certify"},
        name="competence-certify",
    ),
    # Participant side (profile pages) below.
    path("profile/", profile.profile, name="profile"),
    path("profile/settings/", profile.edit_settings, name="profile-settings"),
    path("profile/competences/", profile.edit_competences, name="profile-competences"),
    path("profile/needs/", profile.edit_needs, name="profile-needs"),
    path("profile/<str:prefix>/row/", profile.add_row, name="profile-row"),
    # Notices (email, chat) and the calendar read for busy times.
    path("profile/notices/", connections.notices_page, name="notices"),
    path("profile/busy-calendar/", connections.set_busy_calendar, name="busy-calendar"),
    path(
        "profile/busy-calendar/remove/",
        connections.remove_busy_calendar,
        name="busy-calendar-remove",
    ),
    path("profile/linkedin/", linkedin.upload, name="linkedin"),
    path("profile/linkedin/confirm/", linkedin.confirm, name="linkedin-confirm"),
    path("endorsements/", endorsements.asked_of_me, name="endorsements"),
    path("endorsements/ask/", endorsements.ask, name="endorsement-ask"),
    path("endorsements/<int:pk>/give/", endorsements.give, name="endorsement-give"),
    path("endorsements/<int:pk>/decline/", endorsements.decline, name="endorsement-decline"),
]
