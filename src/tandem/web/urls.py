from django.urls import path

from tandem.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sponsor/", views.sponsor_page, name="sponsor"),
]
