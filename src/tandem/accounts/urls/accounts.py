from django.contrib.auth import views as auth_views
from django.urls import path

from tandem.accounts.views import login, recovery, twofactor

app_name = "accounts"

urlpatterns = [
    path("login/", login.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/reset/", recovery.ResetRequestView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        recovery.ResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        recovery.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        recovery.ResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("password/change/", recovery.ChangeView.as_view(), name="password_change"),
    path("sessions/", recovery.session_list, name="sessions"),
    path("sessions/<int:pk>/end/", recovery.session_end, name="session_end"),
    path("sessions/end-others/", recovery.session_end_others, name="sessions_end_others"),
    path("two-factor/", twofactor.overview, name="two_factor"),
    path("two-factor/setup/", twofactor.setup, name="two_factor_setup"),
    path("two-factor/disable/", twofactor.disable, name="two_factor_disable"),
    path("two-factor/codes/", twofactor.new_codes, name="two_factor_codes"),
    path("two-factor/verify/", twofactor.verify, name="two_factor_verify"),
]
