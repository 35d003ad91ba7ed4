"""The audit trail: the page and its CSV (read-only)."""

from django.urls import path

from tandem.accounts import audit_views

app_name = "audit"

urlpatterns = [
    path("", audit_views.audit_list, name="list"),
    path("export.csv", audit_views.audit_csv, name="csv"),
]
