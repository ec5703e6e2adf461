"""Writes /api/schema/'s document to api/openapi.json, the contract kept in the repository."""

from django.core.management.base import BaseCommand

from api.contract import SNAPSHOT_PATH, dumps
from api.router import api_router
from api.schema import openapi_document


class Command(BaseCommand):
    help = "Zapisuje bieżący opis API (OpenAPI) jako wersję w repozytorium (api/openapi.json)."

    def handle(self, *args, **options):
        SNAPSHOT_PATH.write_text(dumps(openapi_document(api_router)), encoding="utf-8")
        self.stdout.write(f"Zapisano {SNAPSHOT_PATH}")
