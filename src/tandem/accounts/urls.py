from django.contrib.auth import views as auth_views
from django.urls import path

from tandem.accounts import recovery_views, twofactor_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/reset/", recovery_views.ResetRequestView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        recovery_views.ResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        recovery_views.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        recovery_views.ResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("password/change/", recovery_views.ChangeView.as_view(), name="password_change"),
    path("sessions/", recovery_views.session_list, name="sessions"),
    path("sessions/<int:pk>/end/", recovery_views.session_end, name="session_end"),
    path("sessions/end-others/", recovery_views.session_end_others, name="sessions_end_others"),
    path("two-factor/", twofactor_views.overview, name="two_factor"),
    path("two-factor/setup/", twofactor_views.setup, name="two_factor_setup"),
    path("two-factor/disable/", twofactor_views.disable, name="two_factor_disable"),
    path("two-factor/codes/", twofactor_views.new_codes, name="two_factor_codes"),
    path("two-factor/verify/", twofactor_views.verify, name="two_factor_verify"),
]
