from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Wspólne elementy portalu"

    def ready(self):
        from core import checks, page_cache_signals  # noqa: F401 - checks register themselves

        page_cache_signals.connect()
