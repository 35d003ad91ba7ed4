"""The audit trail: the page and its CSV (read-only)."""

from django.urls import path

from tandem.accounts.views import audit

app_name = "audit"

urlpatterns = [
    path("", audit.audit_list, name="list"),
    path("export.csv", audit.audit_csv, name="csv"),
]
