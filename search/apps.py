from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "Wyszukiwarka"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Imported here, not at the top: these modules use the models, which are loaded
        # only once every app's config is.
        from search import signal_handlers
        from search.sources import documents, pages  # noqa: F401 (they register themselves)

        # Every other app plugs its content in from its own <app>/search_sources.py:
        # sources, page types, kinds and states (docs/search.md). `search` imports none.
        autodiscover_modules("search_sources")
        signal_handlers.connect()
