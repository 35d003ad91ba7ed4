"""Matching pages, mounted under ``/programs/<slug>/matching/``."""

from django.urls import path

from tandem.matching.views import decisions, picker, progress, runs

app_name = "matching"

urlpatterns = [
    path("", runs.index, name="index"),
    path("run/", runs.run, name="start"),
    path("run/<str:task_id>/", progress.progress, name="progress"),
    path("runs/<int:run_id>/", runs.run_page, name="run"),
    path("runs/<int:run_id>/decide/", decisions.decide, name="decide"),
    path("runs/<int:run_id>/swap/", decisions.swap, name="swap"),
    path(
        "runs/<int:run_id>/proposals/<int:proposal_id>/mentors/",
        picker.picker,
        name="picker",
    ),
    path("runs/<int:run_id>/choose/", picker.choose_mentor, name="choose"),
    path("runs/<int:run_id>/publish/", runs.publish, name="publish"),
]
