from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages.department"
    label = "pages"
    verbose_name = "Strony wydziału"
