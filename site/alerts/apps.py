from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    label = "alerts"
    verbose_name = "Powiadomienia e-mail"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Imported here, not at the top: the signal handlers use the models, loaded only
        # once every app's config is.
        from alerts import signal_handlers

        # Every app says what can be followed from its own <app>/alert_sources.py
        # (docs/alerts.md); `alerts` names none of them.
        autodiscover_modules("alert_sources")
        signal_handlers.connect()
