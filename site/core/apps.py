from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Wspólne elementy portalu"

    def ready(self):
        from core import page_cache_signals

        page_cache_signals.connect()
