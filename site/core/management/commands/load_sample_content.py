from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Wczytuje przykładowe treści (wyraźnie oznaczone jako przykładowe) każdej aplikacji, "
        "która ma moduł sample_content z funkcją load(). Można uruchamiać wielokrotnie."
    )

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.sample_content"
            is_ours = Path(app_config.path).is_relative_to(settings.BASE_DIR)
            if not is_ours or find_spec(module_name) is None:
                continue
            module = import_module(module_name)
            with transaction.atomic():
                summary = module.load()
            self.stdout.write(f"{app_config.verbose_name}: {summary or 'gotowe'}")
