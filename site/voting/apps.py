from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "voting"
    label = "voting"
    verbose_name = "Głosowanie w budżecie obywatelskim"

    def ready(self):
        from voting import checks  # noqa: F401 (registers the system check)
