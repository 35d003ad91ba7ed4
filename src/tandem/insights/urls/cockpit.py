"""The program cockpit, mounted under ``/programs/<slug>/pairs/``."""

from django.urls import path

from tandem.insights.views import cockpit

app_name = "cockpit"

urlpatterns = [
    path("", cockpit.cockpit_page, name="pairs"),
    path("export.csv", cockpit.cockpit_csv, name="csv"),
    path("<int:pk>/", cockpit.pair_page, name="pair"),
]
