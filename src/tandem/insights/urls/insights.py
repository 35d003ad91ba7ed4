from django.urls import path

from tandem.insights.views import cockpit, dashboard, report

app_name = "insights"

urlpatterns = [
    path("insights/programs/<int:pk>/", dashboard.dashboard, name="dashboard"),
    path("insights/programs/<int:pk>/aggregates.csv", dashboard.export_csv, name="export-csv"),
    path("insights/programs/<int:pk>/impact-report.pdf", report.report_pdf, name="report-pdf"),
    path(
        "insights/programs/<int:pk>/impact-report/<str:task_id>/",
        report.report_progress,
        name="report-progress",
    ),
    path(
        "insights/programs/<int:pk>/impact-report/<str:task_id>/report.pdf",
        report.report_download,
        name="report-download",
    ),
    path("insights/programs/<int:pk>/questions/", dashboard.questions, name="questions"),
    path("insights/alerts/", dashboard.alerts, name="alerts"),
    path("coach/", cockpit.coach_page, name="coach"),
    path("surveys/", dashboard.survey_list, name="surveys"),
    path("surveys/<int:pk>/", dashboard.survey_answer, name="survey"),
]
