from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Wspólne elementy portalu"

    def ready(self):
        # page_cache_signals imports models, which cannot be imported while Django is
        # still loading this app config; ready() is Django's place for signal wiring, and
        # for importing the system checks, which register themselves.
        from core import (  # noqa: F401
            checks,
            cluster_init,
            page_cache_signals,
            prepared_queries,
            request_memo,
            site_structure,
        )

        page_cache_signals.connect()
        request_memo.install()
        prepared_queries.install()
        site_structure.install()
        cluster_init.install()

        from core.error_reporting import init_from_settings

        init_from_settings()  # SENTRY_DSN; nothing when it is empty

        from django.utils.module_loading import autodiscover_modules

        # Apps declare the documents they write in their own <app>/document_kinds.py
        # (core.document_kinds); core names none of them.
        autodiscover_modules("document_kinds")
