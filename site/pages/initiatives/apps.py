from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "pages.initiatives"
    label = "initiatives"
    verbose_name = "Inicjatywa lokalna"
