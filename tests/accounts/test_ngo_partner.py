"""An NGO partner proposes changes to its own record only; an editor applies them."""

import re

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from accounts import roles
from accounts.models import NGOChangeRequest, NGOPartnerProfile
from accounts.ngo_forms import NGOChangeRequestForm
from snippets.models import NGO, PublicBenefitArea
from tests.factories.accounts import UserFactory
from tests.factories.registry import NGOFactory

pytestmark = pytest.mark.django_db

FORM = "/strefa-ngo/moja-organizacja/"
# The own-record page's queries in the test database (SQLite and PostgreSQL, the test
# settings): 16 since sessions come from the cache, the second factor's devices with the
# user's row and the permissions in one query (session 11: 20 before, 22 before the
# proposals and the areas were each read in one query; 13 on PostgreSQL with the seed,
# bench/pages.py, was 17).
NGO_PAGE_BUDGET = 16


@pytest.fixture
def own_ngo():
    return NGOFactory(name="Stowarzyszenie Nasze", email="stare@example.org", phone="32 111 11 11")


@pytest.fixture
def other_ngo():
    return NGOFactory(name="Fundacja Cudza", email="cudza@example.org")


@pytest.fixture
def partner(sections, own_ngo):
    user = UserFactory(username="ngo-nasze")
    NGOPartnerProfile.objects.create(user=user, ngo=own_ngo)
    return user


def _post(client, own, **overrides):
    data = {
        "email": own.email,
        "phone": own.phone,
        "website": own.website,
        "street_address": own.street_address,
        "postal_code": own.postal_code,
        "city": own.city,
        "description": own.description,
        "areas": [str(pk) for pk in own.areas.values_list("pk", flat=True)],
        "note": "",
    }
    data.update(overrides)
    return client.post(FORM, data)


def test_linking_an_account_makes_it_a_partner(partner):
    assert partner.groups.filter(name=roles.NGO_PARTNERS).exists()


def test_the_form_shows_the_partners_own_record(client, partner, own_ngo, other_ngo):
    client.force_login(partner)
    response = client.get(FORM)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stowarzyszenie Nasze" in html and 'value="stare@example.org"' in html
    assert "Fundacja Cudza" not in html and "cudza@example.org" not in html


def test_a_proposal_is_stored_for_the_own_record_and_the_record_is_untouched(
    client, partner, own_ngo
):
    client.force_login(partner)
    area = PublicBenefitArea.objects.order_by("sort_order").first()
    response = _post(client, own_ngo, email="nowy@example.org", areas=[str(area.pk)])
    assert response.status_code == 302
    change = NGOChangeRequest.objects.get()
    assert change.ngo == own_ngo and change.submitted_by == partner
    assert change.email == "nowy@example.org"
    assert list(change.areas.all()) == [area]
    own_ngo.refresh_from_db()
    assert own_ngo.email == "stare@example.org"  # not before an editor applies it


def test_a_forged_post_naming_another_ngo_still_only_proposes_for_the_own(
    client, partner, own_ngo, other_ngo
):
    client.force_login(partner)
    response = _post(
        client,
        own_ngo,
        email="przejete@example.org",
        ngo=str(other_ngo.pk),
        ngo_id=str(other_ngo.pk),
        id=str(other_ngo.pk),
        submitted_by="1",
        status="applied",
    )
    assert response.status_code == 302
    change = NGOChangeRequest.objects.get()
    assert change.ngo_id == own_ngo.pk
    assert change.status == NGOChangeRequest.Status.PENDING
    assert not NGOChangeRequest.objects.filter(ngo=other_ngo).exists()
    other_ngo.refresh_from_db()
    assert other_ngo.email == "cudza@example.org"


def test_a_partner_cannot_reach_the_admin_or_the_registry_edit(client, partner, other_ngo):
    client.force_login(partner)
    response = client.get(f"/admin/snippets/snippets/ngo/edit/{other_ngo.pk}/")
    assert response.status_code in (302, 403)
    response = client.post(
        f"/admin/snippets/snippets/ngo/edit/{other_ngo.pk}/", {"email": "x@example.org"}
    )
    assert response.status_code in (302, 403)
    other_ngo.refresh_from_db()
    assert other_ngo.email == "cudza@example.org"
    assert client.get("/admin/zmiany-danych-ngo/").status_code in (302, 403)


def test_an_unchanged_or_invalid_proposal_is_refused_in_polish(client, partner, own_ngo):
    client.force_login(partner)
    response = _post(client, own_ngo)
    assert response.status_code == 400
    assert "Nie zmieniono żadnych danych" in response.content.decode()
    response = _post(client, own_ngo, postal_code="41300", email="to-nie-email")
    assert response.status_code == 400
    html = response.content.decode()
    assert "00-000" in html and 'value="41300"' in html and "error-summary" in html
    assert not NGOChangeRequest.objects.exists()


def test_the_areas_are_a_described_group_and_its_error_is_linked(client, partner, own_ngo):
    """The group comes from includes/form_field.html: a fieldset whose legend names it,
    described by its help and its error; the summary links to its first checkbox."""
    client.force_login(partner)
    html = _post(client, own_ngo, areas=["999999"]).content.decode()
    group = html.split('<fieldset class="field field--group field--error')[1].split("</fieldset>")[
        0
    ]
    assert 'aria-describedby="id_areas_helptext id_areas_error"' in group
    label = NGOChangeRequestForm(ngo=own_ngo).fields["areas"].label
    assert f"<legend>{label} <span" in group
    assert 'id="id_areas_error"' in group and 'id="id_areas_0"' in group
    assert 'href="#id_areas_0"' in html
    assert not NGOChangeRequest.objects.exists()


def test_a_new_proposal_replaces_the_pending_one(client, partner, own_ngo):
    client.force_login(partner)
    _post(client, own_ngo, email="pierwszy@example.org")
    _post(client, own_ngo, email="drugi@example.org")
    assert list(NGOChangeRequest.objects.values_list("email", flat=True)) == ["drugi@example.org"]


def _proposal(ngo, user, email, review_note=""):
    change = NGOChangeRequest.objects.create(ngo=ngo, submitted_by=user, email=email)
    change.review_note = review_note
    return change


def test_the_page_shows_the_pending_proposal_and_the_five_latest_decided(
    client, partner, own_ngo, other_ngo, editor_user
):
    for number in range(7):
        _proposal(own_ngo, partner, f"n{number}@example.org", f"Uwaga {number}").reject(editor_user)
    _proposal(other_ngo, editor_user, "cudza2@example.org", "Uwaga cudza").reject(editor_user)
    pending = _proposal(own_ngo, partner, "czeka@example.org")
    client.force_login(partner)
    response = client.get(FORM)
    assert response.context["pending"] == pending
    history = list(response.context["history"])
    assert [change.review_note for change in history] == [f"Uwaga {n}" for n in range(6, 1, -1)]
    html = response.content.decode()
    assert "czeka na sprawdzenie" in html and "Uwaga cudza" not in html

    pending.reject(editor_user)
    response = client.get(FORM)
    assert response.context["pending"] is None
    assert response.context["history"][0].pk == pending.pk


def test_the_page_stays_within_its_query_budget(
    client, partner, own_ngo, editor_user, django_assert_max_num_queries
):
    # With a pending and a decided proposal and two own areas: none of them costs more.
    own_ngo.areas.set(PublicBenefitArea.objects.order_by("sort_order")[:2])
    own_ngo.save()  # a ParentalManyToManyField is stored with its record
    _proposal(own_ngo, partner, "stare@example.org", "Uwaga").reject(editor_user)
    _proposal(own_ngo, partner, "czeka@example.org")
    client.force_login(partner)
    client.get(FORM)
    with django_assert_max_num_queries(NGO_PAGE_BUDGET):
        response = client.get(FORM)
    html = response.content.decode()
    assert response.status_code == 200 and html.count(" checked") == 2
    assert "czeka na sprawdzenie" in html and "Uwaga" in html


def test_an_account_without_a_link_sees_an_explanation_and_cannot_propose(client, sections):
    staff = UserFactory(groups=[roles.STAFF])
    client.force_login(staff)
    response = client.get(FORM)
    assert response.status_code == 200
    assert "nie jest powiązane" in response.content.decode()
    client.post(FORM, {"email": "x@example.org"})
    assert not NGOChangeRequest.objects.exists()


def test_anonymous_readers_are_sent_to_login(client, sections):
    response = client.post(FORM, {"email": "x@example.org"})
    assert response.status_code == 302 and response["Location"].startswith("/logowanie/")
    assert not NGOChangeRequest.objects.exists()


def test_the_form_is_not_on_the_intranet(client, sections):
    client.force_login(UserFactory(groups=[roles.STAFF]))
    assert client.get("/intranet/moja-organizacja/").status_code == 404


def _pending_change(own_ngo, partner, **values):
    change = NGOChangeRequest.objects.create(
        ngo=own_ngo,
        submitted_by=partner,
        **{
            "email": own_ngo.email,
            "phone": own_ngo.phone,
            "street_address": own_ngo.street_address,
            "postal_code": own_ngo.postal_code,
            "city": own_ngo.city,
            **values,
        },
    )
    return change


def test_an_editor_applies_a_proposal_in_the_admin(client, partner, own_ngo, editor_user):
    change = _pending_change(own_ngo, partner, email="nowy@example.org", description="Nowy opis")
    client.force_login(editor_user)
    edit_url = f"/admin/zmiany-danych-ngo/edit/{change.pk}/"
    page = client.get(edit_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "stare@example.org" in html and "nowy@example.org" in html
    response = client.post(edit_url, {"status": "applied", "review_note": "Dziękujemy"})
    assert response.status_code == 302
    own_ngo.refresh_from_db()
    assert own_ngo.email == "nowy@example.org" and own_ngo.description == "Nowy opis"
    assert own_ngo.live and not own_ngo.has_unpublished_changes
    change.refresh_from_db()
    assert change.status == "applied" and change.reviewed_by == editor_user


def test_an_editor_rejects_and_the_record_stays(client, partner, own_ngo, editor_user):
    change = _pending_change(own_ngo, partner, email="zly@example.org")
    client.force_login(editor_user)
    client.post(
        f"/admin/zmiany-danych-ngo/edit/{change.pk}/",
        {"status": "rejected", "review_note": "Adres nie działa"},
    )
    own_ngo.refresh_from_db()
    assert own_ngo.email == "stare@example.org"
    change.refresh_from_db()
    assert change.status == "rejected"
    # The partner sees the answer.
    client.force_login(partner)
    assert "Adres nie działa" in client.get(FORM).content.decode()


def test_change_requests_cannot_be_created_in_the_admin(client, editor_user):
    client.force_login(editor_user)
    assert client.get("/admin/zmiany-danych-ngo/new/").status_code in (302, 403)


def test_only_administrators_link_accounts_to_organisations(editor_user):
    assert not editor_user.has_perm("accounts.add_ngopartnerprofile")
    assert not editor_user.has_perm("accounts.change_ngopartnerprofile")
    assert (
        Group.objects.get(name=roles.EDITORS)
        .permissions.filter(codename="change_ngochangerequest")
        .exists()
    )


def test_ngo_records_are_untouched_by_a_partner_end_to_end(client, partner, own_ngo, other_ngo):
    before = NGO.objects.get(pk=other_ngo.pk)
    client.force_login(partner)
    _post(client, own_ngo, email="a@example.org", ngo=str(other_ngo.pk))
    after = NGO.objects.get(pk=other_ngo.pk)
    assert (before.email, before.description, before.phone) == (
        after.email,
        after.description,
        after.phone,
    )


# The unchanged record's fields are shared by the organisation's partners
# (core.shared_fragments.record_part): a live record holds only what the registry shows.


def _areas_read(client) -> tuple[str, int]:
    """The own-record page's form (its CSRF token aside: per session) and how many of its
    queries read the areas."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(FORM)
    assert response.status_code == 200
    reads = [query for query in queries if "snippets_publicbenefitarea" in query["sql"]]
    html = response.content.decode()
    start = html.index('<form method="post"')
    form = html[start : html.index("</form>", start)]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", form), len(reads)


def test_the_own_records_fields_are_shared_by_its_partners(
    client, partner, own_ngo, fragments_shared
):
    second_partner = UserFactory(username="ngo-nasze-2")
    NGOPartnerProfile.objects.create(user=second_partner, ngo=own_ngo)
    client.force_login(partner)
    first, reads = _areas_read(client)
    assert reads == 1 and 'value="stare@example.org"' in first
    again, reads = _areas_read(client)
    assert reads == 0 and again == first
    client.force_login(second_partner)
    assert _areas_read(client) == (first, 0)


def test_the_shared_fields_are_the_organisations_own(
    client, partner, own_ngo, other_ngo, fragments_shared
):
    other_partner = UserFactory(username="ngo-cudza")
    NGOPartnerProfile.objects.create(user=other_partner, ngo=other_ngo)
    client.force_login(partner)
    _areas_read(client)
    client.force_login(other_partner)
    html, reads = _areas_read(client)
    assert reads == 1
    assert 'value="cudza@example.org"' in html and "stare@example.org" not in html


def test_the_shared_fields_show_the_record_as_applied_and_an_areas_new_name(
    client, partner, own_ngo, editor_user, fragments_shared
):
    area = PublicBenefitArea.objects.order_by("sort_order").first()
    client.force_login(partner)
    _areas_read(client)
    change = _pending_change(own_ngo, partner, email="nowy@example.org")
    change.apply(editor_user)
    html, reads = _areas_read(client)
    assert reads == 1 and 'value="nowy@example.org"' in html
    area.short_name = "Obszar o nowej nazwie"
    area.save()
    html, reads = _areas_read(client)
    assert reads == 1 and "Obszar o nowej nazwie" in html


def test_an_unpublished_records_fields_are_never_shared(client, partner, own_ngo, fragments_shared):
    own_ngo.live = False
    own_ngo.save()
    client.force_login(partner)
    _areas_read(client)
    html, reads = _areas_read(client)
    assert reads == 1 and 'value="stare@example.org"' in html


def test_a_refused_proposal_shows_what_was_typed_after_the_fields_were_shared(
    client, partner, own_ngo, fragments_shared
):
    client.force_login(partner)
    _areas_read(client)
    response = _post(client, own_ngo, email="to nie adres", phone="32 999 99 99")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="to nie adres"' in html and 'value="32 999 99 99"' in html
    assert 'value="stare@example.org"' not in html
    html, reads = _areas_read(client)
    assert reads == 0 and 'value="stare@example.org"' in html
