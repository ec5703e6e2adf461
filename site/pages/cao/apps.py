from django.apps import AppConfig


class CaoConfig(AppConfig):
    name = "pages.cao"
    label = "cao"
    verbose_name = "Centrum Aktywności Obywatelskiej"
