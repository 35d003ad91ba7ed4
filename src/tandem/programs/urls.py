"""The program manager's pages, under ``/programs/``."""

from django.urls import path

from tandem.programs.views import competences, imports, invitations, program, setup

app_name = "programs"

urlpatterns = [
    path("", program.program_list, name="list"),
    path("new/", setup.new_program, name="new"),
    path("<slug:slug>/", program.program_page, name="detail"),
    path("<slug:slug>/status/", program.set_status, name="status"),
    path("<slug:slug>/close/", program.close_page, name="close"),
    path("<slug:slug>/setup/<str:step>/", setup.setup_step, name="setup"),
    path("<slug:slug>/import/", imports.upload, name="import"),
    path("<slug:slug>/invite/", invitations.invite_all, name="invite-all"),
    path("<slug:slug>/invite/<int:person_id>/", invitations.invite_one, name="invite-one"),
    path("<slug:slug>/competences/", competences.program_competences, name="competences"),
]
