from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "pages.budget"
    label = "budget"
    verbose_name = "Budżet obywatelski i budżety osiedli"
