"""Issue 20's "Done when", as one path: an editor builds a council in the admin with a
term and members, publishes a sitting with minutes and two resolutions, records an
opinion request that the intranet lists by its deadline; a resident finds the resolution
by "12/2026" in the search and on the osiedle's page; the next term makes the first
term's member a past one; and neither draft minutes nor contact data not marked public
show on a page, in the API or in the search."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from accounts import roles
from accounts.sections import INTRANET, ensure_collection, ensure_section
from pages.cao.models.sitting import MinutesStatus
from pages.councils.models import CouncilPage, OpinionRequest, Resolution
from tests.factories import councils
from tests.factories.accounts import UserFactory
from tests.factories.cao import EventIndexPageFactory, EventPageFactory
from tests.factories.documents import pdf_bytes
from tests.factories.search import make_document

pytestmark = pytest.mark.django_db

PRIVATE_EMAIL = "niejawny.adres@example.pl"
PUBLIC_EMAIL = "przewodniczaca.jawna@example.pl"
DRAFT_SUMMARY = "Szkicowezapisy zespołu"


def _member(name, role, email, public, left_on=""):
    return {
        "name": name,
        "role": role,
        "represents": "prezydent",
        "ngo": "",
        "represents_note": "",
        "left_on": left_on,
        "email": email,
        "phone": "",
        "contact_public": "on" if public else "",
    }


def _term(council, name, starts_on, ends_on, members):
    return nested_form_data(
        {
            "council": council.pk,
            "name": name,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else "",
            "appointed_by": "zarządzenie Prezydenta",
            "memberships": inline_formset(members),
        }
    )


def _resolution(council, sitting, number, district=None):
    data = {
        "council": council.pk,
        "kind": "uchwala",
        "number": number,
        "adopted_on": timezone.localdate().isoformat(),
        "title": f"w sprawie {number} programu sprawdzianowego",
        "subject": "",
        "status": "przyjeta",
        "document": "",
        "sitting": sitting.pk,
    }
    if district is not None:
        data["districts"] = [district.pk]
    return nested_form_data(data)


def _everywhere(client, council, osiedle, sitting) -> str:
    urls = [
        council.url,
        f"{council.url}uchwaly/",
        osiedle.url,
        sitting.url,
        "/api/v2/council-members/?fields=*",
        "/api/v2/council-sittings/?fields=*",
        f"/api/v2/pages/{sitting.pk}/?fields=*",
        "/api/v2/search/?q=szkicowezapisy",
        "/api/v2/search/?q=niejawny",
        "/szukaj/?q=rada",
    ]
    return "\n".join(client.get(url).content.decode() for url in urls)


def test_an_editor_builds_a_council_and_a_resident_finds_its_resolution(
    client, home_page, council_index, index_now
):
    editor = get_user_model().objects.create_superuser("redaktorka", "r@example.org", "x-123")
    client.force_login(editor)
    today = timezone.localdate()
    district = councils.osiedle("Reden")
    events = EventIndexPageFactory(parent=home_page)
    with index_now():
        add = reverse("wagtailadmin_pages:add", args=("councils", "councilpage", council_index.pk))
        response = client.post(
            add,
            {
                "title": "Rada Osiedla Sprawdzianowego",
                "slug": "rada-osiedla",
                "summary": "Organ osiedla.",
                "body_kind": "rada-osiedla",
                "purpose": '{"blocks": [], "entityMap": {}}',
                "legal_basis": "statut osiedla",
                "how_to_join": '{"blocks": [], "entityMap": {}}',
                "email": "",
                "phone": "",
                "contact_note": "",
                "action-publish": "1",
            },
        )
        assert response.status_code == 302
        council = CouncilPage.objects.get(slug="rada-osiedla")
        response = client.post(
            reverse("councilterm:add"),
            _term(
                council,
                "Kadencja pierwsza",
                today - datetime.timedelta(days=400),
                today + datetime.timedelta(days=30),
                [
                    _member("Joanna Jawnakontaktowa", "przewodniczacy", PUBLIC_EMAIL, True),
                    _member("Marek Niejawnykontakt", "czlonek", PRIVATE_EMAIL, False),
                ],
            ),
        )
        assert response.status_code == 302, response.context["form"].errors
        osiedle = councils.osiedle_page(home_page, district, council=council)

        # The sitting, with approved minutes; and another with a draft.
        sitting = EventPageFactory(
            parent=events,
            title="I posiedzenie Rady Osiedla",
            council=council,
            minutes_status=MinutesStatus.APPROVED,
            minutes_document=make_document("Protokół I", "protokol.pdf", pdf_bytes()),
            minutes_summary="Rada przyjęła dwie uchwały.",
        )
        sitting.save_revision().publish()
        draft = make_document(
            "Projekt", "projekt.pdf", pdf_bytes(), collection=ensure_collection(INTRANET)
        )
        EventPageFactory(
            parent=events,
            title="II posiedzenie Rady Osiedla",
            council=council,
            minutes_status=MinutesStatus.DRAFT,
            minutes_document=draft,
            minutes_summary=DRAFT_SUMMARY,
        ).save_revision().publish()
        for number, where in (("12/2026", district), ("13/2026", None)):
            response = client.post(
                reverse("resolution:add"), _resolution(council, sitting, number, where)
            )
            assert response.status_code == 302, response.context["form"].errors
        response = client.post(
            reverse("opinionrequest:add"),
            {
                "council": council.pk,
                "subject": "Projekt planu sprawdzianowego",
                "requested_by": "Prezydent Miasta",
                "received_on": today.isoformat(),
                "term_days": "14",
                "consultation": "",
                "opinion": "",
                "given_on": "",
                "notes": "",
            },
        )
        assert response.status_code == 302, response.context["form"].errors
    assert Resolution.objects.filter(sitting=sitting).count() == 2

    # The intranet lists the open request with its deadline, for the department's staff.
    request = OpinionRequest.objects.get()
    assert timezone.localdate(request.deadline) == today + datetime.timedelta(days=15)
    section = ensure_section(home_page, INTRANET)
    staff = UserFactory()
    staff.groups.add(Group.objects.get_or_create(name=roles.STAFF)[0])
    client.force_login(staff)
    html = client.get(section.url).content.decode()
    assert "Projekt planu sprawdzianowego" in html and "zostało 14 dni" in html

    # A resident.
    client.logout()
    resolution = Resolution.objects.get(number="12/2026")
    results = client.get("/api/v2/search/", {"q": "12/2026"}).json()["results"]
    assert results[0]["url"].endswith(resolution.get_url())
    assert resolution.get_url() in client.get("/szukaj/", {"q": "12/2026"}).content.decode()
    html = client.get(osiedle.url).content.decode()
    assert "nr 12/2026" in html and "nr 13/2026" in html  # its council's register
    html = client.get(sitting.url).content.decode()
    assert "Rada przyjęła dwie uchwały." in html

    # The next term: the first one's members are past ones.
    client.force_login(editor)
    with index_now():
        first = council.terms_set.get()
        first.ends_on = today - datetime.timedelta(days=1)
        first.save()
        response = client.post(
            reverse("councilterm:add"),
            _term(
                council,
                "Kadencja druga",
                today,
                None,
                [_member("Ewa Nowokadencyjna", "przewodniczacy", "", False)],
            ),
        )
        assert response.status_code == 302, response.context["form"].errors
    client.logout()
    html = client.get(council.url).content.decode()
    current, others = html.split('id="past-terms-heading"')
    assert "Ewa Nowokadencyjna" in current and "Jawnakontaktowa" not in current
    assert "Jawnakontaktowa" in others and "były członek" in others

    # Nothing private anywhere public.
    public = _everywhere(client, council, osiedle, sitting)
    assert PUBLIC_EMAIL in public
    for secret in (PRIVATE_EMAIL, "Szkicowezapisy", draft.url):
        assert secret not in public, secret
