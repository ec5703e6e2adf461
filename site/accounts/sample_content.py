"""The intranet and the NGO zone, with sample pages and private documents.

The two areas themselves (pages, view restrictions, private collections) are real
structure and stay; what is marked [PRZYKŁAD] is sample. Sample accounts are made only
when SAMPLE_ACCOUNTS_PASSWORD is set, never with a default password.
"""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

from accounts import roles
from accounts.sections import EXTRANET, INTRANET, ensure_sections
from pages.department.models import StandardPage
from pages.department.seed import ensure_home_page

SAMPLE_PAGES = {
    INTRANET.slug: (
        "przyklad-procedura-obiegu-wnioskow",
        "[PRZYKŁAD] Procedura obiegu wniosków o dotację",
        "Wewnętrzna procedura: kto sprawdza wniosek, kto zatwierdza, w jakich terminach. "
        "Słowo kontrolne strefy: zakulisowyobieg.",
    ),
    EXTRANET.slug: (
        "przyklad-harmonogram-rozliczen",
        "[PRZYKŁAD] Harmonogram rozliczeń dotacji dla partnerów",
        "Terminy sprawozdań częściowych i końcowych dla organizacji realizujących zadania "
        "publiczne. Słowo kontrolne strefy: partnerskiharmonogram.",
    ),
}
SAMPLE_DOCUMENTS = {
    INTRANET.slug: (
        "[PRZYKŁAD] Wzór notatki służbowej",
        "wzor-notatki-sluzbowej.txt",
        "Wzór notatki służbowej wydziału (dokument wewnętrzny, przykład).\n",
    ),
    EXTRANET.slug: (
        "[PRZYKŁAD] Instrukcja sprawozdania dla partnerów",
        "instrukcja-sprawozdania.txt",
        "Instrukcja przygotowania sprawozdania z realizacji zadania publicznego (przykład).\n",
    ),
}
SAMPLE_ACCOUNTS = (
    ("przyklad-pracownik", roles.STAFF),
    ("przyklad-redaktor", roles.EDITORS),
    ("przyklad-zatwierdzajacy", roles.APPROVERS),
    ("przyklad-ngo", roles.NGO_PARTNERS),
)


def _ensure_page(section, slug, title, text):
    page = StandardPage.objects.child_of(section).filter(slug=slug).first()
    if page is None:
        page = section.add_child(instance=StandardPage(title=title, slug=slug, summary=text))
        page.save_revision().publish()
        return True
    return False


def _ensure_document(collection, title, filename, text):
    Document = get_document_model()
    if Document.objects.filter(collection=collection, title=title).exists():
        return False
    document = Document(title=title, collection=collection)
    document.file.save(filename, ContentFile(text.encode("utf-8")), save=False)
    document.file_size = len(text.encode("utf-8"))
    document._set_file_hash()
    document.save()
    return True


def _ensure_accounts(password: str) -> int:
    User = get_user_model()
    created = 0
    for username, group_name in SAMPLE_ACCOUNTS:
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": "[PRZYKŁAD]", "last_name": group_name},
        )
        if was_created:
            user.set_password(password)
            user.save()
            created += 1
        user.groups.add(Group.objects.get(name=group_name))
    return created


def load() -> str:
    home = ensure_home_page()
    sections = {section.slug: section for section in ensure_sections(home)}
    pages = documents = 0
    for slug, section in sections.items():
        pages += _ensure_page(section, *SAMPLE_PAGES[slug])
        documents += _ensure_document(section.documents_collection, *SAMPLE_DOCUMENTS[slug])
    summary = f"strefy {', '.join('/' + slug + '/' for slug in sections)}; "
    summary += f"nowe strony: {pages}, nowe dokumenty prywatne: {documents}"
    password = os.environ.get("SAMPLE_ACCOUNTS_PASSWORD", "")
    if password:
        summary += f"; nowe konta przykładowe: {_ensure_accounts(password)}"
    return summary
