from django.contrib.auth import views as auth_views
from django.urls import path

from ttdn.accounts import two_factor_views, views
from ttdn.accounts.forms import QueuedPasswordResetForm

urlpatterns = [
    path("i18n/setlang/", views.language_switch, name="set_language"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/two-factor/", two_factor_views.two_factor_verify, name="two_factor_verify"),
    path("accounts/two-factor/setup/", two_factor_views.two_factor_setup, name="two_factor_setup"),
    path("accounts/two-factor/setup/qr.svg", two_factor_views.two_factor_qr, name="two_factor_qr"),
    path(
        "accounts/two-factor/backup-codes/",
        two_factor_views.two_factor_backup_codes,
        name="two_factor_backup_codes",
    ),
    path("accounts/two-factor/off/", two_factor_views.two_factor_turn_off, name="two_factor_turn_off"),
    path("accounts/settings/", views.user_settings, name="user_settings"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
