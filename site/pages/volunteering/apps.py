from django.apps import AppConfig


class VolunteeringConfig(AppConfig):
    name = "pages.volunteering"
    label = "volunteering"
    verbose_name = "Wolontariat"
