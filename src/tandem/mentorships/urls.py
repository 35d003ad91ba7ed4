from django.urls import path

from tandem.mentorships import views

app_name = "mentorships"

urlpatterns = [
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
]
