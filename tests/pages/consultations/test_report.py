"""From the analysis to the published report: positions recorded, the report generated
into a draft, published through the page's workflow, with its table, figures and charts;
no private person's data anywhere public; nothing public before publication."""

import io
import uuid
from datetime import timedelta

from django.utils import timezone

import pytest
from pypdf import PdfReader

from core.generated_documents import document_from_docx
from pages.consultations.models import (
    CommentGroup,
    ConsultationComment,
    ConsultationPage,
    ConsultationResponse,
)
from tests.factories.consultations import questionnaire_consultation

pytestmark = pytest.mark.django_db

PRIVATE = ("Jan Kowalski", "jan@example.pl", "Zofia Pisarska", "zofia@example.pl")


def docx_text(content: bytes) -> str:
    document = document_from_docx(content)
    parts = []
    for block in document.blocks:
        if hasattr(block, "rows"):
            parts.extend(" ".join(row) for row in (block.header, *block.rows))
        else:
            parts.append(block.text)
    return "\n".join(parts)


def online(client, page, **fields):
    data = {
        "q-q-variant": "v-a",
        "q-q-need": "5",
        "q-q-uses": ["u-work"],
        "comment": "",
        "website": "",
        "form_token": str(uuid.uuid4()),
        **fields,
    }
    response = client.post(page.url, data)
    assert response.status_code == 200, response.content.decode()[:3000]


@pytest.fixture
def consultation(client, consultation_index, submissions_staff):
    """Answered online by a resident and an organisation, by letter and at a meeting;
    then closed."""
    page = questionnaire_consultation(consultation_index, title="Ścieżka rowerowa")
    online(
        client,
        page,
        author_name="Jan Kowalski",
        # A resident typing their own name as an organisation: never confirmed, never shown.
        organisation="Jan Kowalski",
        email="jan@example.pl",
        **{"q-q-sections-sec-2": "Skrócić termin w § 3 ust. 2."},
    )
    online(
        client,
        page,
        organisation="Stowarzyszenie Rowerowe Dąbrowa",
        **{"q-q-variant": "v-b", "q-q-need": "4", "comment": "Więcej stojaków."},
    )
    client.force_login(submissions_staff)
    association = ConsultationResponse.objects.get(organisation="Stowarzyszenie Rowerowe Dąbrowa")
    confirmed = client.post(
        f"/admin/konsultacje/uwagi/{association.pk}/organizacja/",
        {"organisation": association.organisation, "ngo": "", "organisation_confirmed": "on"},
    )
    assert confirmed.status_code == 302
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    for channel, author, email, text in (
        ("paper", "Zofia Pisarska", "zofia@example.pl", "Proszę o ławki."),
        ("meeting", "", "", "Oświetlenie alejek."),
    ):
        response = client.post(
            "/admin/konsultacje/uwagi/nowa/",
            {
                "consultation": page.pk,
                "channel": channel,
                "received_on": yesterday,
                "author_name": author,
                "organisation": "",
                "email": email,
                "document_part": "",
                "comment": text,
                "form_token": str(uuid.uuid4()),
            },
        )
        assert response.status_code == 302
    client.logout()
    page.opens_at = timezone.now() - timedelta(days=20)
    page.closes_at = timezone.now() - timedelta(hours=1)
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def edit_comment(client, comment, **data):
    return client.post(
        f"/admin/consultation_comments/edit/{comment.pk}/",
        {"topics": "", "group": "", "position": "", "reason": "", **data},
    )


def test_positions_the_report_and_its_publication(
    client, consultation, department_editor, django_user_model
):
    page = consultation
    comments = list(ConsultationComment.objects.order_by("pk"))
    assert len(comments) == 4  # a section comment, a free comment, a letter, a statement
    client.force_login(department_editor)
    analysis = client.get(f"/admin/konsultacje/{page.pk}/analiza/").content.decode()
    assert "bez stanowiska miasta: <strong>4</strong>" in analysis
    assert "<svg" in analysis and "Wariant A" in analysis  # the admin's charts

    # A position needs its reason; said in Polish, nothing changed.
    response = edit_comment(client, comments[0], position="accepted")
    assert response.status_code == 200
    assert "Podaj uzasadnienie stanowiska" in response.content.decode()
    comments[0].refresh_from_db()
    assert comments[0].position == ""

    assert (
        edit_comment(
            client, comments[0], position="accepted", reason="Termin skrócono.", topics="terminy"
        ).status_code
        == 302
    )
    group = CommentGroup.objects.create(
        consultation=page,
        name="Wyposażenie",
        position="partly",
        reason="Ławki tak, stojaki w 2027.",
    )
    for comment in comments[1:3]:
        assert edit_comment(client, comment, group=group.pk).status_code == 302
    # Not all answered yet: no report.
    response = client.post(f"/admin/konsultacje/{page.pk}/analiza/", follow=True)
    assert "bez stanowiska: 1 uwaga" in response.content.decode()
    assert not ConsultationPage.objects.get(pk=page.pk).report_table

    assert (
        edit_comment(
            client, comments[3], position="out_of_scope", reason="To sprawa zarządcy."
        ).status_code
        == 302
    )
    assert client.post(f"/admin/konsultacje/{page.pk}/analiza/").status_code == 302

    # A draft: nothing public yet (page, API, open data).
    live = ConsultationPage.objects.get(pk=page.pk)
    assert not live.report_table and live.has_unpublished_changes
    html = client.get(page.url).content.decode()
    assert "Zestawienie uwag" not in html and "Termin skrócono." not in html
    client.logout()
    assert "Termin skrócono." not in client.get(page.url).content.decode()
    api = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert api["report"] is None
    csv_url = page.url + page.reverse_subpage("report_csv")
    assert client.get(csv_url).status_code == 404
    pdf_url = page.url + page.reverse_subpage("report_file", args=["pdf"])
    docx_url = page.url + page.reverse_subpage("report_file", args=["docx"])
    assert client.get(pdf_url).status_code == 404 and client.get(docx_url).status_code == 404
    client.force_login(department_editor)
    draft_docx = client.get(f"/admin/konsultacje/{page.pk}/raport/docx/")
    assert draft_docx.status_code == 200
    assert "Termin skrócono." in docx_text(draft_docx.content)
    client.logout()
    draft = live.get_latest_revision_as_object()
    rows = [row.value for row in draft.report_table]
    assert [row["position"] for row in rows] == ["accepted", "partly", "partly", "out_of_scope"]
    assert {row["submitter"] for row in rows} == {
        "Osoba prywatna",
        "Stowarzyszenie Rowerowe Dąbrowa",
    }

    # Published through the page's workflow (an approver publishes the revision).
    live.get_latest_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Zestawienie uwag i stanowisko miasta" in html
    for text in (
        "Termin skrócono.",
        "Częściowo uwzględniona",
        "Poza zakresem konsultacji",
        "Stowarzyszenie Rowerowe Dąbrowa",
        "Spotkanie konsultacyjne",
    ):
        assert text in html
    assert html.count('<svg class="chart__svg" role="img"') == 3  # the three closed questions
    assert '<th scope="row">Wariant A</th><td>1</td><td>50%</td>' in html
    assert f'href="{csv_url}"' in html
    csv_response = client.get(csv_url)
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    csv_text = csv_response.content.decode("utf-8-sig")
    assert "Termin skrócono." in csv_text and "Osoba prywatna" in csv_text
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    published_docx = docx_text(client.get(docx_url).content)
    assert "Zestawienie uwag i stanowisko miasta" in published_docx
    assert "Stowarzyszenie Rowerowe Dąbrowa" in published_docx
    api = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert api["report"]["table"][0]["position_label"] == "Uwzględniona"
    assert api["report"]["figures"]["responses"] == 4
    # The no-leak matrix: no private person's name or e-mail in anything public.
    pdf_pages = PdfReader(io.BytesIO(pdf.content)).pages
    # Table cells wrap: the words of a cell may be split over lines, so whitespace is joined.
    pdf_text = " ".join(" ".join(page_.extract_text() for page_ in pdf_pages).split())
    assert "Osoba prywatna" in pdf_text and "Spotkanie konsultacyjne" in pdf_text
    public = [
        html,
        csv_text,
        published_docx,
        pdf_text,
        str(api),
        client.get("/konsultacje/").content.decode(),
        # The search's results (its pages repeat the query itself, so not the whole page).
        *(str(client.get("/api/v2/search/", {"q": name}).json()["results"]) for name in PRIVATE),
    ]
    for text in public:
        for private in PRIVATE:
            assert private not in text
