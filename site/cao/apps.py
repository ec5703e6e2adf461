from django.apps import AppConfig


class CaoConfig(AppConfig):
    name = "cao"
    verbose_name = "Centrum Aktywności Obywatelskiej"
