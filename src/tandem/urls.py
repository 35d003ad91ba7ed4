from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Tandem"
admin.site.site_title = "Tandem"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("tandem.accounts.urls")),
    path("", include("tandem.mentorships.urls")),
    path("", include("tandem.web.urls")),
]

if settings.DEBUG:  # pragma: no cover - static files come from WhiteNoise in production
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
