from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        # Every app registers its endpoints in api.router from its own
        # <app>/api_endpoints.py; importing them here (after every model is loaded and
        # before the URLconf reads the router) is how they are found. `api` imports none.
        autodiscover_modules("api_endpoints")

        from api import rich_text

        rich_text.install()
