from django.apps import AppConfig


class VolunteeringConfig(AppConfig):
    name = "pages.volunteering"
    label = "volunteering"
    verbose_name = "Wolontariat"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from pages.volunteering import statistics
        from pages.volunteering.models import VolunteerAnswer, VolunteerHours

        # The public statistics count answers and hours (statistics.CACHE_TAG).
        for model in (VolunteerAnswer, VolunteerHours):
            for name, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(
                    statistics.numbers_changed,
                    sender=model,
                    dispatch_uid=f"volunteering_statistics_{name}_{model.__name__}",
                )
