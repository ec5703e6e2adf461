"""The whole path in the admin: formal check with a call for corrections and its
deadline, the applicant's correction, two members declaring and scoring, a member in a
conflict of interest kept out, the decision with the city's amount, the e-mails, the
register; and the agreement's values."""

import io
import re
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import docx
import pytest
from PIL import Image

from pages.initiatives import agreement, assessment, register
from pages.initiatives.choices import Status
from pages.initiatives.models import FinalReport
from tests.factories import initiatives
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def png(name):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def member(username):
    user = UserFactory(username=username)
    user.user_permissions.add(
        Permission.objects.get(codename="add_score"),
        Permission.objects.get(codename="access_admin"),
    )
    return user


def coordinator():
    user = UserFactory(username="koordynator")
    user.user_permissions.add(
        Permission.objects.get(codename="change_initiative"),
        Permission.objects.get(codename="access_admin"),
    )
    return user


def post(client, initiative, **data):
    return client.post(f"/admin/inicjatywy/ocena/{initiative.pk}/", data)


def score_data(rules, points, comment="Dobrze opisane."):
    data = {"action": "score"}
    for criterion, value in zip(rules.criteria.all(), points, strict=True):
        data[f"points_{criterion.pk}"] = str(value)
        data[f"comment_{criterion.pk}"] = comment
    return data


def test_whole_path_correct_score_decide_register(
    client, rules, django_capture_on_commit_callbacks
):
    initiative = initiatives.initiative(rules)
    boss, anna, piotr, karol = coordinator(), member("anna"), member("piotr"), member("karol")

    # Formal check: a call for corrections sets the deadline and e-mails the leader.
    client.force_login(boss)
    with django_capture_on_commit_callbacks(execute=True):
        answer = post(
            client,
            initiative,
            action="decide",
            status="do-uzupelnienia",
            justification="Brak zgody właściciela terenu.",
        )
    assert answer.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.TO_CORRECT and initiative.correction_due_at
    assert mail.outbox[-1].to == ["lena.liderska@example.pl"]
    assert "Uzupełnij braki do" in mail.outbox[-1].body

    # The applicant corrects through the private link: back to the formal check.
    key = initiative.new_private_key()
    initiative.save(update_fields=["private_key_hash"])
    link = f"/inicjatywa-lokalna/moj-wniosek/{key}/"
    page = client.get(link).content.decode()
    assert "Popraw wniosek" in page
    edit = {
        "title": initiative.title, "area": str(initiative.area_id), "district": "",
        "place": initiative.place, "description": initiative.description + " Zgoda w załączniku.",
        "schedule": initiative.schedule, "effects": initiative.effects,
        "beneficiaries": initiative.beneficiaries, "cost_description": initiative.cost_description,
        "in_kind_description": "Sadzonki", "city_amount_text": "8000", "work_hours_text": "100",
        "in_kind_value_text": "500", "cash_contribution_text": "0", "declared_own": "3500",
        "declared_total": "11500", "action": "edit",
    }  # fmt: skip
    assert client.post(link, edit).status_code == 200
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED and "Zgoda w załączniku." in initiative.description

    with django_capture_on_commit_callbacks(execute=True):
        post(client, initiative, action="decide", status="w-ocenie", justification="")
    initiative.refresh_from_db()
    assert initiative.status == Status.IN_ASSESSMENT

    # Two members declare no conflict and score; a third declares a conflict.
    for user, points in ((anna, (4, 8)), (piotr, (2, 6))):
        client.force_login(user)
        assert post(client, initiative, action="declare", has_conflict="0").status_code == 302
        assert post(client, initiative, **score_data(rules, points)).status_code == 302
    client.force_login(karol)
    post(client, initiative, action="declare", has_conflict="1", note="Mieszkam w tej kamienicy.")
    refused = post(client, initiative, **score_data(rules, (5, 10)))
    assert refused.status_code == 403 or "nie ocenia" in refused.content.decode()
    assert initiative.scores.filter(member=karol).count() == 0
    # Mean per criterion × weight: (4+2)/2 × 2 + (8+6)/2 × 1 = 6 + 7 = 13.
    assert register.mean_score(initiative) == Decimal("13.00")

    # The decision: accepted with the city's amount; the leader is told.
    client.force_login(boss)
    too_much = post(
        client,
        initiative,
        action="decide",
        status="przyjety",
        granted_amount="9000",
        justification="Ok",
    )
    assert "nie może przekraczać wnioskowanego" in too_much.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        post(
            client,
            initiative,
            action="decide",
            status="przyjety",
            granted_amount="7 500",
            justification="Wysoka ocena zespołu.",
        )
    initiative.refresh_from_db()
    assert initiative.status == Status.ACCEPTED and initiative.granted_amount == Decimal("7500")
    assert "7 500,00 zł" in mail.outbox[-1].body

    # The register shows it with the decision; the agreement's values are ready.
    register_page = client.get(f"{rules.get_parent().url}wnioski/{initiative.pk}/").content.decode()
    assert "Przyjęty do realizacji" in register_page and "Wysoka ocena zespołu." in register_page
    values = agreement.values(initiative)
    assert (
        values["wklad_miasta"] == "7 500,00 zł" and values["lider_imie_nazwisko"] == "Lena Liderska"
    )
    assert values["koszt_calkowity"] == "11 000,00 zł"
    # The agreement, DOCX and PDF through the shared generator (built-in layout).
    pdf = client.get(f"/admin/inicjatywy/umowa/{initiative.pk}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    docx_file = client.get(f"/admin/inicjatywy/umowa/{initiative.pk}.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(docx_file.content)).paragraphs)
    assert "Sąsiedzi z Granicznej" in text and "Lena Liderska" in text

    # The final report through the private link; a file that is no photo is refused.
    client.logout()
    report = {
        "action": "report",
        "what_was_done": "Posadziliśmy 40 krzewów i ustawiliśmy dwie ławki.",
        "work_hours_given": "110",
        "in_kind_given": "500",
        "cash_given": "0",
        "photo_1_description": "Nowe ławki na podwórku",
    }
    fake = SimpleUploadedFile("lawki.jpg", b"%PDF-1.4 not an image")
    refused = client.post(link, {**report, "photo_1": fake})
    assert refused.status_code == 400 and "To nie jest zdjęcie" in refused.text
    assert not FinalReport.objects.exists()
    assert client.post(link, {**report, "photo_1": png("lawki.png")}).status_code == 200
    public_url = f"{rules.get_parent().url}wnioski/{initiative.pk}/"
    assert "Posadziliśmy 40 krzewów" not in client.get(public_url).text  # not accepted yet

    client.force_login(boss)
    post(client, initiative, action="decide", status="zrealizowany", justification="Przyjęte.")
    initiative.refresh_from_db()
    assert initiative.status == Status.REALISED and initiative.report.accepted_at
    client.logout()
    page = client.get(public_url).text
    assert "Posadziliśmy 40 krzewów" in page and 'alt="Nowe ławki na podwórku"' in page
    assert "Lena Liderska" not in page


def test_a_member_must_declare_before_scoring_and_score_every_criterion(rules):
    initiative = initiatives.initiative(rules, status=Status.IN_ASSESSMENT)
    anna = member("anna")
    criteria = list(rules.criteria.all())
    with pytest.raises(ValidationError, match="oświadczenie"):
        assessment.save_scores(initiative, anna, dict.fromkeys(criteria, (1, "x")))
    assessment.declare(initiative, anna, has_conflict=False)
    with pytest.raises(ValidationError, match="każde kryterium"):
        assessment.save_scores(initiative, anna, {criteria[0]: (1, "x")})
    with pytest.raises(ValidationError, match="punkty od 0 do 5"):
        assessment.save_scores(initiative, anna, {criteria[0]: (6, "x"), criteria[1]: (1, "x")})
    assert initiative.scores.count() == 0


def test_refusal_needs_reasons_and_accepting_needs_scores(rules):
    initiative = initiatives.initiative(rules, status=Status.IN_ASSESSMENT)
    with pytest.raises(ValidationError, match="uzasadnienia"):
        assessment.decide(initiative, Status.REFUSED, "")
    with pytest.raises(ValidationError, match="nie został jeszcze oceniony"):
        assessment.decide(initiative, Status.ACCEPTED, "Dobre", granted_amount=Decimal("100"))
    assessment.decide(initiative, Status.REFUSED, "Zadanie nie należy do zadań gminy.")
    initiative.refresh_from_db()
    assert initiative.closed_at is not None  # retention runs from here
    with pytest.raises(ValidationError, match="nie można przejść"):
        assessment.decide(initiative, Status.ACCEPTED, "x", granted_amount=Decimal("1"))


def test_correction_after_the_deadline_is_refused(client, rules):
    initiative = initiatives.initiative(rules)
    assessment.decide(initiative, Status.TO_CORRECT, "Brak mapy.")
    initiative.correction_due_at = initiative.submitted_at  # already over
    key = initiative.new_private_key()
    initiative.save()
    answer = client.post(
        f"/inicjatywa-lokalna/moj-wniosek/{key}/", {"action": "edit", "title": "Nowy"}
    )
    assert answer.status_code == 409
    assert "zmiany nie zostały zapisane" in answer.content.decode()
    initiative.refresh_from_db()
    assert initiative.title == "Zielone podwórko"


def test_assessment_screen_needs_the_permission(client, rules):
    initiative = initiatives.initiative(rules)
    nobody = UserFactory(username="nikt")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    # Wagtail answers a refused admin view with a redirect to the dashboard.
    refused = client.get(f"/admin/inicjatywy/ocena/{initiative.pk}/")
    assert refused.status_code in (302, 403) and initiative.title not in refused.text
    client.force_login(member("anna"))
    page = client.get(f"/admin/inicjatywy/ocena/{initiative.pk}/").content.decode()
    assert "Oceny zespołu" not in page and "Decyzja" not in page
    # A member scores but does not download the agreement (it names the leader).
    refused = client.get(f"/admin/inicjatywy/umowa/{initiative.pk}.pdf")
    assert refused.status_code in (302, 403) and not refused.content.startswith(b"%PDF")
    assert re.search(r"oświadczenie o konflikcie", page, re.IGNORECASE)


def test_mean_score_counts_each_criterion_even_with_equal_weights(initiative_index):
    rules = initiatives.rules_page(initiative_index, year=2028)
    rules.criteria.update(weight=Decimal("1"))
    initiative = initiatives.initiative(rules, status=Status.IN_ASSESSMENT)
    first, second = rules.criteria.all()
    for user, points in ((member("ala"), (5, 2)), (member("ola"), (4, 1))):
        assessment.declare(initiative, user, has_conflict=False)
        assessment.save_scores(
            initiative, user, {first: (points[0], "Tak."), second: (points[1], "Tak.")}
        )
    # (5+4)/2 × 1 + (2+1)/2 × 1 = 4.5 + 1.5 (not one mean of all four points: 3).
    assert register.mean_score(initiative) == Decimal("6.00")
