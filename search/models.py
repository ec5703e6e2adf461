"""The portal's own search index, its vocabulary and the anonymous query statistics."""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class Visibility(models.TextChoices):
    PUBLIC = "public", "Wszyscy"
    LOGIN = "login", "Zalogowani użytkownicy"


class SearchEntry(models.Model):
    """One thing a person may look for: a page, a document, a registry record...

    The *_terms columns hold the Polish analysis of the text (search.analysis); each
    database keeps its own full-text structure over them in sync: on SQLite an FTS5
    table filled by triggers, on PostgreSQL a generated tsvector column with a GIN
    index (search.backends.schema). Neither is part of the Django model.
    """

    kind = models.CharField("Rodzaj", max_length=32, db_index=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name="Model"
    )
    object_id = models.CharField("Identyfikator obiektu", max_length=64)
    title = models.CharField("Tytuł", max_length=500)
    url = models.CharField("Adres", max_length=1000)
    date = models.DateTimeField("Data", null=True, blank=True)
    summary = models.TextField("Wprowadzenie", blank=True)
    body = models.TextField("Treść", blank=True)
    identifiers = models.TextField("Identyfikatory", blank=True)
    state = models.CharField("Stan", max_length=32, blank=True, db_index=True)
    refresh_at = models.DateTimeField(
        "Odśwież o",
        null=True,
        blank=True,
        db_index=True,
        help_text="Kiedy stan lub widoczność zmienią się z upływem czasu (np. koniec naboru).",
    )
    visibility = models.CharField(
        "Kto widzi", max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    source_hash = models.CharField(
        "Skrót pliku źródłowego",
        max_length=64,
        blank=True,
        help_text="Dla dokumentów: plik o tym samym skrócie nie jest czytany ponownie.",
    )
    extraction_error = models.CharField("Błąd odczytu pliku", max_length=200, blank=True)
    title_terms = models.TextField(blank=True, editable=False)
    ident_terms = models.TextField(blank=True, editable=False)
    summary_terms = models.TextField(blank=True, editable=False)
    body_terms = models.TextField(blank=True, editable=False)
    indexed_at = models.DateTimeField("Zindeksowano", auto_now=True)

    class Meta:
        verbose_name = "Pozycja indeksu wyszukiwarki"
        verbose_name_plural = "Indeks wyszukiwarki"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_entry_unique_object"
            )
        ]
        indexes = [models.Index(fields=["visibility", "kind"], name="search_entry_vis_kind")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class IndexedLemma(models.Model):
    """A lemma met in public content: suggestions ("czy chodziło Ci o") come from here."""

    term = models.CharField(max_length=64, primary_key=True)
    lemma = models.CharField(max_length=64)

    class Meta:
        verbose_name = "Lemat w indeksie"
        verbose_name_plural = "Lematy w indeksie"

    def __str__(self) -> str:
        return self.lemma


class LemmaForm(models.Model):
    """An inflected form of an indexed lemma, folded (ł → l), that had Polish letters.

    A query typed without Polish letters ("pozarzadowe") is not a word Morfeusz knows;
    this table gives back its lemma ("pozarządowy") for the lemmas the index holds.
    """

    form = models.CharField(max_length=64, db_index=True)
    lemma = models.CharField(max_length=64, help_text="Lemat z polskimi literami.")

    class Meta:
        verbose_name = "Forma lematu"
        verbose_name_plural = "Formy lematów"
        constraints = [
            models.UniqueConstraint(fields=["form", "lemma"], name="search_lemma_form_unique")
        ]

    def __str__(self) -> str:
        return f"{self.form} → {self.lemma}"


class SearchQueryStat(models.Model):
    """How often a query was searched on a day, and how often it found nothing.

    Only the normalised query is kept: no address, user, session or time of day.
    """

    day = models.DateField("Dzień")
    query = models.CharField("Zapytanie", max_length=200)
    searches = models.PositiveIntegerField("Wyszukiwania", default=0)
    zero_results = models.PositiveIntegerField("Bez wyników", default=0)
    last_count = models.PositiveIntegerField("Liczba wyników (ostatnio)", default=0)

    class Meta:
        verbose_name = "Statystyka zapytania"
        verbose_name_plural = "Statystyki zapytań"
        constraints = [
            models.UniqueConstraint(fields=["day", "query"], name="search_query_stat_unique")
        ]
        indexes = [models.Index(fields=["query"], name="search_query_stat_query")]

    def __str__(self) -> str:
        return f"{self.day}: {self.query}"


class IndexFailure(models.Model):
    """An object the index could not be brought up to date for, and why: shown to
    administrators (Raporty → Indeks wyszukiwarki) and counted by the health check
    (search.health), until a later index of the same object succeeds."""

    object_label = models.CharField("Model", max_length=100)
    object_id = models.CharField("Identyfikator obiektu", max_length=64)
    task = models.CharField("Zadanie", max_length=64)
    error = models.TextField("Błąd")
    removed = models.BooleanField(
        "Usunięto z indeksu",
        default=False,
        help_text="Pozycji nie dało się sprawdzić, więc zniknęła z wyników (na wszelki wypadek).",
    )
    attempts = models.PositiveIntegerField("Próby", default=1)
    first_failed_at = models.DateTimeField("Pierwszy błąd", auto_now_add=True)
    last_failed_at = models.DateTimeField("Ostatni błąd", auto_now=True)

    class Meta:
        verbose_name = "Błąd indeksowania"
        verbose_name_plural = "Błędy indeksowania"
        constraints = [
            models.UniqueConstraint(
                fields=["object_label", "object_id", "task"], name="search_failure_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.task} {self.object_label} {self.object_id}"


class SearchSynonym(models.Model):
    """Terms that search treats as one: editors keep them in the admin (Ustawienia →
    Synonimy wyszukiwarki). Applied to queries only, so a change needs no re-index."""

    terms = models.CharField(
        "Wyrażenia",
        max_length=500,
        help_text="Rozdzielone przecinkami, np. „NGO, organizacja pozarządowa”. "
        "Każde wyrażenie może mieć kilka słów; odmiana nie ma znaczenia.",
    )
    one_way = models.BooleanField(
        "Tylko od pierwszego",
        default=False,
        help_text="Zaznacz dla skrótów: pierwsze wyrażenie znajduje też pozostałe, "
        "ale nie odwrotnie.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Synonim wyszukiwarki"
        verbose_name_plural = "Synonimy wyszukiwarki"
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    @property
    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.split(",") if term.strip()]

    def clean(self):
        from django.core.exceptions import ValidationError

        if len(self.term_list) < 2:
            raise ValidationError(
                {"terms": "Podaj co najmniej dwa wyrażenia rozdzielone przecinkiem."}
            )
