from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


def check_app_order(app_names: list[str]) -> None:
    """Raise ImproperlyConfigured unless `api` comes before `webhooks` in APP_NAMES (the
    apps' module names, in INSTALLED_APPS order).

    Apps are made ready in INSTALLED_APPS order. Our handlers are connected to the models
    the API serves, read from its router, which `api`'s ready() fills (every app's
    api_endpoints); with `webhooks` first they would be connected to nothing and no record
    would ever be announced, silently."""
    position = {name: index for index, name in enumerate(app_names)}
    if "api" not in position or position["api"] > position.get("webhooks", len(app_names)):
        raise ImproperlyConfigured(
            "INSTALLED_APPS: 'api' must come before 'webhooks' (webhooks connect to the "
            "models the API's router serves, filled when 'api' is ready)."
        )


class WebhooksConfig(AppConfig):
    name = "webhooks"
    label = "webhooks"
    verbose_name = "Webhooki"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        check_app_order([config.name for config in self.apps.get_app_configs()])
        # Imported here: the handlers use the models, loaded only once every app's is.
        from webhooks import signal_handlers

        signal_handlers.connect()
