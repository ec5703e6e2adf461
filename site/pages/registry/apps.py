from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "pages.registry"
    label = "registry"
    verbose_name = "Rejestr organizacji i konkursy"
