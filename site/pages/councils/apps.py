from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "pages.councils"
    label = "councils"
    verbose_name = "Rady i osiedla"
