from django.urls import path

from cooperation.accounts import views as accounts
from cooperation.accounts import views_notifications as notifications
from cooperation.accounts import views_two_factor as two_factor

app_name = "accounts"

urlpatterns = [
    path("sign-up/", accounts.SignUpView.as_view(), name="sign_up"),
    path("confirm/<uidb64>/<token>/", accounts.confirm_email, name="confirm"),
    path("confirm-again/", accounts.ResendConfirmationView.as_view(), name="resend_confirmation"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", accounts.LogoutView.as_view(), name="logout"),
    path("password/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        accounts.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("password/change/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("profile/", accounts.ProfileView.as_view(), name="profile"),
    path(
        "profile/notifications/",
        notifications.PreferencesView.as_view(),
        name="notifications",
    ),
    path(
        "unsubscribe/<str:token>/",
        notifications.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
    path("two-factor/", two_factor.TwoFactorView.as_view(), name="two_factor"),
    path(
        "profile/second-factor/",
        two_factor.SecondFactorSettingsView.as_view(),
        name="second_factor",
    ),
    path(
        "profile/second-factor/recovery-codes/",
        two_factor.RecoveryCodesView.as_view(),
        name="recovery_codes",
    ),
    path(
        "profile/second-factor/remove/",
        two_factor.AuthenticatorRemoveView.as_view(),
        name="authenticator_remove",
    ),
]
