from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_fulltext(sender, using="default", **kwargs):
    from django.db import connections

    from search.backends.schema import ensure_schema

    ensure_schema(connections[using])


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "Wyszukiwarka"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from search import signal_handlers
        from search.sources import load_builtin_sources

        load_builtin_sources()
        # Other apps register their content in <app>/search_sources.py.
        autodiscover_modules("search_sources")
        signal_handlers.connect()
        post_migrate.connect(_ensure_fulltext, sender=self, dispatch_uid="search_fulltext")
