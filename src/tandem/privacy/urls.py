from django.urls import path

from tandem.privacy import views

app_name = "privacy"

urlpatterns = [
    path("export/", views.export_mine, name="export"),
    path("erase/", views.erase_person, name="erase"),
]
