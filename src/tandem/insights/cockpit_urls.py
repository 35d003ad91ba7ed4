"""The program cockpit, mounted under ``/programs/<slug>/pairs/``."""

from django.urls import path

from tandem.insights import views_cockpit

app_name = "cockpit"

urlpatterns = [
    path("", views_cockpit.cockpit_page, name="pairs"),
    path("export.csv", views_cockpit.cockpit_csv, name="csv"),
    path("<int:pk>/", views_cockpit.pair_page, name="pair"),
]
