from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("logowanie/", views.LoginView.as_view(), name="login"),
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
