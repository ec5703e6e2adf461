from django.urls import path

from alerts import views, webhook

app_name = "alerts"

urlpatterns = [
    path("powiadomienia/", views.signup, name="signup"),
    path("powiadomienia/potwierdz/<str:token>/", views.confirm, name="confirm"),
    path("powiadomienia/zarzadzaj/<str:token>/", views.manage, name="manage"),
    path("powiadomienia/wypisz/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("powiadomienia/zwroty/", webhook.bounces, name="bounces"),
]
