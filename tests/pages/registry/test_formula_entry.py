"""Registry text that starts as a spreadsheet formula: `=` and `@` refused at entry (admin
form, partner's proposal, CSV import), `+` and `-` kept ("+Plus") and escaped on export."""

import csv
import io

from django.urls import reverse

import pytest

from accounts.ngo_forms import NGOChangeRequestForm
from snippets import ngo_table
from snippets.models import NGO
from snippets.ngo_import import import_ngos
from tests.factories.registry import NGOFactory
from tests.snippets.test_admin import ngo_post_data

pytestmark = pytest.mark.django_db

REFUSAL = "nie może zaczynać się od znaku"


def test_admin_form_refuses_equals_and_at_and_keeps_plus(admin_client):
    add = reverse("wagtailsnippets_snippets_ngo:add")
    for name in ("=cmd|' /C calc'!A0", "@SUM(1+1)"):
        response = admin_client.post(add, ngo_post_data(name=name, **{"action-publish": "1"}))
        assert response.status_code == 200
        assert REFUSAL in response.text
    response = admin_client.post(
        add, ngo_post_data(description="=HYPERLINK(1)", **{"action-publish": "1"})
    )
    assert REFUSAL in response.text
    assert not NGO.objects.exists()
    response = admin_client.post(
        add, ngo_post_data(name="+Plus", phone="+48 32 295 67 00", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert NGO.objects.get().name == "+Plus"


def csv_bytes(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ngo_table.COLUMN_NAMES)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {**dict.fromkeys(ngo_table.COLUMN_NAMES, ""), "forma_prawna": "fundacja", **row}
        )
    return buffer.getvalue().encode()


def test_import_refuses_formulas_and_reads_back_its_own_escape():
    report = import_ngos(csv_bytes([{"nazwa": "=cmd|' /C calc'!A0", "krs": "0000000001"}]))
    assert not report.ok
    assert REFUSAL in report.errors[0].message
    assert not NGO.objects.exists()
    # What the export wrote for "+Plus" and "+48 …" comes back as it was typed.
    report = import_ngos(
        csv_bytes([{"nazwa": "'+Plus", "telefon": "'+48 32 295 67 00", "krs": "0000000001"}])
    )
    assert report.ok, report.errors
    ngo = NGO.objects.get()
    assert (ngo.name, ngo.phone) == ("+Plus", "+48 32 295 67 00")


def test_partner_proposal_refuses_a_formula():
    ngo = NGOFactory()
    form = NGOChangeRequestForm(
        data={"description": "@SUM(1+1)", "city": ngo.city, "email": ngo.email}, ngo=ngo
    )
    assert not form.is_valid()
    assert REFUSAL in str(form.errors["description"])
