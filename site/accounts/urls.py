from django.urls import path

from accounts import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("logowanie/", views.LoginView.as_view(), name="login"),
    path(
        "logowanie/weryfikacja/",
        two_factor_views.VerifyView.as_view(),
        name="second_factor_verify",
    ),
    path(
        "logowanie/dwuetapowe/",
        two_factor_views.EnrolView.as_view(),
        name="second_factor_enrol",
    ),
    path(
        "logowanie/dwuetapowe/nowe-kody/",
        two_factor_views.NewBackupCodesView.as_view(),
        name="second_factor_new_codes",
    ),
    path("wylogowanie/", views.LogoutView.as_view(), name="logout"),
    path("logowanie/nowe-haslo/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "logowanie/nowe-haslo/wyslano/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "logowanie/nowe-haslo/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "logowanie/nowe-haslo/gotowe/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
