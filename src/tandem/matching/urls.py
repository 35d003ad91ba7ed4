"""Matching pages, mounted under ``/programs/<slug>/matching/``."""

from django.urls import path

from tandem.matching import views, views_decisions, views_picker, views_progress

app_name = "matching"

urlpatterns = [
    path("", views.index, name="index"),
    path("run/", views.run, name="start"),
    path("run/<str:task_id>/", views_progress.progress, name="progress"),
    path("runs/<int:run_id>/", views.run_page, name="run"),
    path("runs/<int:run_id>/decide/", views_decisions.decide, name="decide"),
    path("runs/<int:run_id>/swap/", views_decisions.swap, name="swap"),
    path(
        "runs/<int:run_id>/proposals/<int:proposal_id>/mentors/",
        views_picker.picker,
        name="picker",
    ),
    path("runs/<int:run_id>/choose/", views_picker.choose_mentor, name="choose"),
    path("runs/<int:run_id>/publish/", views.publish, name="publish"),
]
