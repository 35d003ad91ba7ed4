"""A participant's own program pages, under ``/me/``."""

from django.urls import path

from tandem.programs.views import enrol, training

app_name = "participant"

urlpatterns = [
    path("programs/", enrol.my_programs, name="programs"),
    path("programs/<slug:slug>/apply/", enrol.apply, name="apply"),
    path("programs/<slug:slug>/training/", training.training_list, name="training"),
    path(
        "programs/<slug:slug>/training/<slug:module_slug>/",
        training.training_module,
        name="training-module",
    ),
    path(
        "programs/<slug:slug>/training/<slug:module_slug>/quiz/",
        training.take_quiz,
        name="training-quiz",
    ),
    path("enrolments/<int:pk>/", enrol.enrolment_details, name="enrolment"),
    path("enrolments/<int:pk>/withdraw/", enrol.withdraw, name="withdraw"),
]
