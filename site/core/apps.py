from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Wspólne elementy portalu"

    def ready(self):
        # page_cache_signals imports models, which cannot be imported while Django is
        # still loading this app config; ready() is Django's place for signal wiring.
        from core import page_cache_signals

        page_cache_signals.connect()
