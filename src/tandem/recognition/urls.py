from django.urls import path, re_path

from tandem.recognition import views

app_name = "recognition"

urlpatterns = [
    path("verify/<str:code>/", views.verify, name="verify"),
    path("certificates/", views.my_certificates, name="certificates"),
    path("certificates/<int:pk>.pdf", views.certificate_pdf, name="certificate-pdf"),
    path("testimonials/<int:pk>/", views.write_testimonial, name="write-testimonial"),
    path(
        "recognition/programs/<int:pk>/testimonials/",
        views.review_testimonials,
        name="review-testimonials",
    ),
    path(
        "recognition/testimonials/<int:pk>/decide/",
        views.decide_testimonial,
        name="decide-testimonial",
    ),
    re_path(
        r"^recognition/programs/(?P<pk>\d+)/story\.(?P<fmt>md|html)$",
        views.program_story,
        name="story",
    ),
]
