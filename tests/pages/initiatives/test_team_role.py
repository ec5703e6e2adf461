"""The initiatives team's group (accounts.roles.INITIATIVES_TEAM): set up by the roles'
mechanism with admin access, scores and declarations and nothing of the applicants'
data; editors and approvers do not score; a member finds the applications to score."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group, Permission

import pytest

from accounts import roles
from pages.initiatives import assessment
from pages.initiatives.choices import Status
from tests.factories import initiatives
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
SCORING = {"add_score", "change_score", "view_score", "add_conflictdeclaration"}


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_the_team_group_holds_scoring_and_admin_access_only():
    held = codenames(roles.INITIATIVES_TEAM)
    assert SCORING | {"access_admin", "view_conflictdeclaration"} == held
    for name in (roles.EDITORS, roles.APPROVERS, roles.SUBMISSIONS_TEAM):
        assert not SCORING & codenames(name), name


def test_a_deleted_team_group_is_set_up_again_by_the_roles():
    Group.objects.filter(name=roles.INITIATIVES_TEAM).delete()
    roles.grant_model_permissions()
    assert codenames(roles.INITIATIVES_TEAM) >= SCORING
    assert "access_admin" in codenames(roles.INITIATIVES_TEAM)


def test_the_migration_takes_scoring_back_from_editors():
    editors = Group.objects.get(name=roles.EDITORS)
    editors.permissions.add(*Permission.objects.filter(codename__in=SCORING))
    migration = importlib.import_module("pages.initiatives.migrations.0003_scores_not_for_editors")
    migration.take_back(apps, None)
    assert not SCORING & codenames(roles.EDITORS)
    roles.grant_model_permissions()  # the next migrate does not give them back
    assert not SCORING & codenames(roles.EDITORS)


def test_a_team_member_finds_declares_and_scores_without_the_leaders_data(client, rules):
    waiting = initiatives.initiative(rules, status=Status.IN_ASSESSMENT)
    initiatives.initiative(rules, title="Jeszcze nie sprawdzony formalnie")
    member = UserFactory(username="czlonek", groups=[roles.INITIATIVES_TEAM])
    client.force_login(member)
    listing = client.get("/admin/inicjatywy/ocena/")
    assert listing.status_code == 200
    assert waiting.title in listing.text and "Sąsiedzi z Granicznej" in listing.text
    assert "Jeszcze nie sprawdzony" not in listing.text
    assert "Lena Liderska" not in listing.text and "nie złożono" in listing.text
    assert "Ocena inicjatyw lokalnych" in client.get("/admin/").text
    # The applications' list with the leader's data stays with the submissions team.
    refused = client.get("/admin/initiative_applications/")
    assert refused.status_code in (302, 403) and "Lena Liderska" not in refused.text
    answer = client.post(
        f"/admin/inicjatywy/ocena/{waiting.pk}/", {"action": "declare", "has_conflict": "0"}
    )
    assert answer.status_code == 302
    data = {"action": "score"}
    for criterion in rules.criteria.all():
        data[f"points_{criterion.pk}"] = "3"
        data[f"comment_{criterion.pk}"] = "Dobrze opisane."
    assert client.post(f"/admin/inicjatywy/ocena/{waiting.pk}/", data).status_code == 302
    assert assessment.scored_by(waiting) == 1
    page = client.get(f"/admin/inicjatywy/ocena/{waiting.pk}/").text
    assert "Lena Liderska" not in page and "Zapisz decyzję" not in page
    assert "oceniono" in client.get("/admin/inicjatywy/ocena/").text


def test_editors_do_not_see_the_scoring_list(client, rules):
    client.force_login(UserFactory(username="redaktorka", groups=[roles.EDITORS]))
    answer = client.get("/admin/inicjatywy/ocena/")
    assert answer.status_code in (302, 403)
    assert "Ocena inicjatyw lokalnych" not in client.get("/admin/").text


def test_a_team_member_does_not_see_the_agreements_data_of_an_accepted_application(client, rules):
    """The agreement's data (the leader's name, address, e-mail, phone, the members) are
    for the coordinator; a team member may still open the screen of an accepted one."""
    accepted = initiatives.initiative(rules, status=Status.ACCEPTED, granted_amount=5000)
    client.force_login(UserFactory(username="czlonek", groups=[roles.INITIATIVES_TEAM]))
    page = client.get(f"/admin/inicjatywy/ocena/{accepted.pk}/")
    assert page.status_code == 200
    assert accepted.leader_name and accepted.leader_name not in page.text
    assert accepted.leader_email not in page.text
    assert "Dane do umowy" not in page.text
