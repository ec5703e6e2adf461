"""The editor's day in the Polish admin, in a real browser against the real server.

An editor uploads the consultation's PDF (a file that lies about its type is refused first),
creates a consultation with it and submits it for approval; an approver accepts and
publishes it; it is then on the site, on the (cached) consultations list and in search.
Another editor's NGO record with a wrong NIP is refused with the registry's message.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import APPROVER, EDITOR
from tests.factories.documents import executable_bytes, pdf_bytes

pytestmark = pytest.mark.browser

TITLE = "Konsultacja programu sportu [TEST PRZEGLĄDARKI]"
DOCUMENT = "Projekt programu sportu [TEST PRZEGLĄDARKI]"
ADMIN_FORMAT = "%Y-%m-%d %H:%M"


def _get(site, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(site.url(path), timeout=15) as answer:  # noqa: S310
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _api(site, query: str) -> list[dict]:
    return json.loads(_get(site, f"/api/v2/pages/?{query}")[1])["items"]


def _add_block(stream, chooser_name: str):
    """Adds a block to a one-kind StreamField and returns its chooser button.

    A click that lands while the form is still settling (the date picker closing shifts the
    layout under the pointer) can miss the add button; CI saw it once in ~30 runs. The click
    is repeated only while no block exists, so a slow-but-successful click never adds two.
    """
    chooser = stream.get_by_role("button", name=chooser_name)
    for _ in range(3):
        stream.locator("button.c-sf-add-button").first.click()
        try:
            chooser.first.wait_for(timeout=10_000)
            break
        except PlaywrightTimeoutError:
            if chooser.count():
                break
    return chooser.first


@pytest.fixture
def admin_tab(chromium, live_site):
    """Opens a fresh browser (own cookies) logged into the admin as WHO."""
    contexts = []

    def open_as(who):
        context = chromium.new_context(locale="pl-PL", viewport={"width": 1400, "height": 1000})
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        tab.goto(live_site.url("/admin/login/"))
        tab.fill("input[name=username]", who["username"])
        tab.fill("input[name=password]", who["password"])
        tab.get_by_role("button", name="Zaloguj się").click()
        tab.wait_for_url("**/admin/")
        return tab

    yield open_as
    for context in contexts:
        context.close()


def _upload(tab, site, filename: str, content: bytes):
    tab.goto(site.url("/admin/documents/add/"))
    tab.set_input_files(
        "input[name=file]",
        files=[{"name": filename, "mimeType": "application/pdf", "buffer": content}],
    )
    tab.fill("input[name=title]", DOCUMENT)
    tab.get_by_role("button", name="Prześlij", exact=True).click()
    tab.wait_for_load_state()


def test_an_editor_publishes_a_consultation_with_a_pdf_through_approval(admin_tab, live_site):
    site = live_site
    editor = admin_tab(EDITOR)

    # A program renamed to .pdf is refused, with the reason in Polish beside the field.
    _upload(editor, site, "projekt.pdf", executable_bytes())
    assert "/admin/documents/add/" in editor.url
    field = editor.locator("[data-field-wrapper]", has=editor.locator("input[name=file]"))
    assert "nie zgadza się z jego rozszerzeniem" in field.inner_text()
    assert "niedozwolone" not in editor.inner_text("main")
    # The real PDF is stored.
    _upload(editor, site, "projekt.pdf", pdf_bytes())
    assert editor.url.endswith("/admin/documents/")
    assert DOCUMENT in editor.inner_text(".messages")

    # The list of consultations is in the anonymous cache before the new one exists.
    index = _api(site, "type=consultations.ConsultationIndexPage")[0]
    index_path = "/" + index["meta"]["html_url"].split("/", 3)[3]
    _get(site, index_path)
    assert TITLE not in _get(site, index_path)[1]

    # The consultation, with the PDF chosen in Wagtail's document chooser.
    editor.goto(site.url(f"/admin/pages/add/consultations/consultationpage/{index['id']}/"))
    editor.fill("#id_title", TITLE)
    editor.fill("#id_summary", "Jak miasto ma wspierać sport organizacji – zgłoś uwagi.")
    editor.fill("#id_subject", "Projekt programu wspierania sportu na lata 2027–2029.")
    now = timezone.localtime()
    editor.fill("#id_opens_at", (now - timedelta(hours=1)).strftime(ADMIN_FORMAT))
    editor.keyboard.press("Escape")
    editor.fill("#id_closes_at", (now + timedelta(days=21)).strftime(ADMIN_FORMAT))
    editor.keyboard.press("Escape")
    documents = editor.locator("[data-contentpath=documents]")
    _add_block(documents, chooser_name="Wybierz dokument").click()
    editor.locator(".modal.fade.in").get_by_role("link", name=DOCUMENT).click()
    documents.get_by_text(DOCUMENT).first.wait_for()  # chosen: shown in the block
    # Saved as a draft (the test server has Wagtail's timed autosave off, so no save races
    # this one), then sent for approval from its edit view.
    with editor.expect_navigation():
        editor.get_by_role("button", name="Zapisz szkic").click()
    assert "/edit/" in editor.url, editor.inner_text("main")[:2000]
    edit_url = editor.url
    editor.get_by_role("button", name="Więcej akcji").click()
    # An editor cannot publish: only send for approval.
    assert editor.locator("button[name=action-publish]").count() == 0
    editor.locator("button[name=action-submit]").click()
    editor.wait_for_load_state()
    assert "przekazana do przeglądu" in editor.inner_text(".messages")

    # Not public before approval.
    assert not _api(site, f"type=consultations.ConsultationPage&search={urllib.parse.quote(TITLE)}")
    assert TITLE not in _get(site, index_path)[1]

    # The approver accepts and publishes.
    approver = admin_tab(APPROVER)
    approver.goto(site.url("/admin/"))
    assert TITLE in approver.inner_text("main")  # waiting for them on the dashboard
    approver.goto(edit_url)
    approver.get_by_role("button", name="Więcej akcji").click()
    with approver.expect_navigation():
        approver.get_by_role("button", name="Akceptuj i Opublikuj").click()

    # Public now: its page (with the PDF), the cached list, the API search and the site search.
    found = _api(site, f"type=consultations.ConsultationPage&search={urllib.parse.quote(TITLE)}")
    assert [item["title"] for item in found] == [TITLE]
    page_path = "/" + found[0]["meta"]["html_url"].split("/", 3)[3]
    status, html = _get(site, page_path)
    assert status == 200 and TITLE in html
    assert DOCUMENT in html and "/documents/" in html
    assert TITLE in _get(site, index_path)[1]  # the publish emptied the page cache
    status, html = _get(site, "/szukaj/?q=" + urllib.parse.quote("programu sportu"))
    if status != 404:  # the site search, once installed: the page and its PDF are found
        assert status == 200
        assert f'href="{page_path}"' in html, html[html.find("<main") :][:3000]
        assert "/documents/" in html


def test_an_ngo_record_with_a_wrong_nip_is_refused_with_the_reason(admin_tab, live_site):
    editor = admin_tab(EDITOR)
    editor.goto(live_site.url("/admin/snippets/snippets/ngo/add/"))
    editor.fill("#id_name", "Stowarzyszenie Testu Przeglądarki")
    legal_form = editor.locator("#id_legal_form")
    if legal_form.count():
        values = legal_form.locator("option").evaluate_all(
            "options => options.map(o => o.value).filter(Boolean)"
        )
        legal_form.select_option(values[0])
    editor.fill("#id_nip", "526-025-02-75")  # 526-025-02-74 is valid: the check digit is wrong
    editor.get_by_role("button", name="Zapisz").first.click()
    editor.wait_for_load_state()
    assert "/add/" in editor.url
    assert "NIP ma błędną cyfrę kontrolną" in editor.inner_text("main")
    assert editor.locator("#id_nip").input_value() == "526-025-02-75"  # kept as typed
