import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Zakłada konto administratora, jeśli go nie ma: login i hasło z "
        "DJANGO_SUPERUSER_USERNAME / DJANGO_SUPERUSER_PASSWORD albo hasło wygenerowane "
        "i wypisane jeden raz."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "")
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Konto administratora „{username}” już istnieje.")
            return
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Utworzono konto administratora „{username}”."))
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Hasło (wyświetlane tylko teraz): {password}\n"
                    "Zmień je po pierwszym logowaniu w /admin/."
                )
            )
