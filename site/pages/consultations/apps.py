from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "pages.consultations"
    label = "consultations"
    verbose_name = "Konsultacje i ogłoszenia"
