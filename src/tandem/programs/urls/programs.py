"""The program manager's pages, under ``/programs/``."""

from django.urls import path

from tandem.programs.views import (
    competences,
    directory_groups,
    imports,
    integrations,
    invitations,
    program,
    setup,
    training,
)

app_name = "programs"

urlpatterns = [
    path("", program.program_list, name="list"),
    path("new/", setup.new_program, name="new"),
    path(
        "directory-groups/<int:directory_id>/",
        directory_groups.group_rules,
        name="directory-groups",
    ),
    path("<slug:slug>/", program.program_page, name="detail"),
    path("<slug:slug>/status/", program.set_status, name="status"),
    path("<slug:slug>/close/", program.close_page, name="close"),
    path("<slug:slug>/setup/<str:step>/", setup.setup_step, name="setup"),
    path("<slug:slug>/import/", imports.upload, name="import"),
    path("<slug:slug>/invite/", invitations.invite_all, name="invite-all"),
    path("<slug:slug>/invite/<int:person_id>/", invitations.invite_one, name="invite-one"),
    path("<slug:slug>/competences/", competences.program_competences, name="competences"),
    path("<slug:slug>/integrations/", integrations.integrations_page, name="integrations"),
    path(
        "<slug:slug>/competences/<int:pk>/assess/",
        competences.record,
        {"kind": "assess"},
        name="competence-assess",
    ),
    path(
        "<slug:slug>/competences/<int:pk>/certify/",
        competences.record,
        {"kind": "certify"},
        name="competence-certify",
    ),
    path("<slug:slug>/training/", training.mentors_training, name="training"),
    path(
        "<slug:slug>/training/<int:person_id>/<slug:module_slug>/sign-off/",
        training.sign_off,
        name="training-sign-off",
    ),
]
