from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from alerts import admin_views
from alerts.public_forms import AlertSignUps
from core import public_forms


@hooks.register(public_forms.HOOK)
def alert_signups():
    return AlertSignUps()


@hooks.register("register_admin_urls")
def alerts_admin_urls():
    return [path("powiadomienia/", include((admin_views.urlpatterns, "alerts_admin")))]


@hooks.register("register_reports_menu_item")
def alerts_report_menu_item():
    return MenuItem(
        "Powiadomienia e-mail",
        reverse("alerts_admin:counts"),
        name="alerts",
        icon_name="mail",
        order=900,
    )
