from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    label = "webhooks"
    verbose_name = "Webhooki"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: the handlers use the models, loaded only once every app's is.
        from webhooks import signal_handlers

        signal_handlers.connect()
