from django.urls import path

from tandem.insights import views, views_cockpit, views_report

app_name = "insights"

urlpatterns = [
    path("insights/programs/<int:pk>/", views.dashboard, name="dashboard"),
    path("insights/programs/<int:pk>/aggregates.csv", views.export_csv, name="export-csv"),
    path(
        "insights/programs/<int:pk>/impact-report.pdf", views_report.report_pdf, name="report-pdf"
    ),
    path(
        "insights/programs/<int:pk>/impact-report/<str:task_id>/",
        views_report.report_progress,
        name="report-progress",
    ),
    path(
        "insights/programs/<int:pk>/impact-report/<str:task_id>/report.pdf",
        views_report.report_download,
        name="report-download",
    ),
    path("insights/programs/<int:pk>/questions/", views.questions, name="questions"),
    path("insights/alerts/", views.alerts, name="alerts"),
    path("coach/", views_cockpit.coach_page, name="coach"),
    path("surveys/", views.survey_list, name="surveys"),
    path("surveys/<int:pk>/", views.survey_answer, name="survey"),
]
