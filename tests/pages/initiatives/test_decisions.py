"""Decisions: two coordinators deciding at once (the second, on what they saw before, is
refused whole), a coordinator in a conflict of interest kept out, and acceptance only
after the year's minimum number of members' scores."""

from decimal import Decimal

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import ValidationError

import pytest

from pages.initiatives import assessment
from pages.initiatives.choices import Status
from pages.initiatives.models import Initiative
from tests.factories import initiatives
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def user_with(username, *codenames):
    user = UserFactory(username=username)
    user.user_permissions.add(*Permission.objects.filter(codename__in=(*codenames, "access_admin")))
    return user


def score(initiative, member, points=3):
    assessment.declare(initiative, member, has_conflict=False)
    assessment.save_scores(
        initiative,
        member,
        dict.fromkeys(initiative.rules.criteria.all(), (points, "Uzasadnienie oceny.")),
    )


def test_the_second_of_two_simultaneous_decisions_is_refused_whole(rules):
    initiative = initiatives.initiative(rules)
    seen_by_ala = Initiative.objects.get(pk=initiative.pk)
    seen_by_ola = Initiative.objects.get(pk=initiative.pk)
    history = initiative.history.count()
    assessment.decide(seen_by_ala, Status.IN_ASSESSMENT, "", user_with("ala", "change_initiative"))
    with pytest.raises(ValidationError, match="ktoś inny zmienił status"):
        assessment.decide(
            seen_by_ola,
            Status.FORMALLY_REJECTED,
            "Brak podpisów.",
            user_with("ola", "change_initiative"),
        )
    initiative.refresh_from_db()
    assert initiative.status == Status.IN_ASSESSMENT
    assert initiative.closed_at is None
    assert initiative.history.count() == history + 1
    assert [m.subject for m in mail.outbox].count(
        f"Wniosek {initiative.receipt_number}: decyzja"
    ) <= 1
    # The refused coordinator sees the status as it is now.
    assert seen_by_ola.status == Status.IN_ASSESSMENT


def test_two_acceptances_at_once_store_one_amount(rules):
    initiative = initiatives.initiative(rules, status=Status.IN_ASSESSMENT)
    score(initiative, user_with("m1", "add_score"))
    score(initiative, user_with("m2", "add_score"))
    first = Initiative.objects.get(pk=initiative.pk)
    second = Initiative.objects.get(pk=initiative.pk)
    assessment.decide(first, Status.ACCEPTED, "Dobre.", granted_amount=Decimal("5000"))
    with pytest.raises(ValidationError, match="ktoś inny"):
        assessment.decide(second, Status.REFUSED, "Brak środków.")
    initiative.refresh_from_db()
    assert (initiative.status, initiative.granted_amount) == (Status.ACCEPTED, Decimal("5000"))


def test_a_coordinator_in_a_conflict_of_interest_does_not_decide(client, rules):
    initiative = initiatives.initiative(rules)
    boss = user_with("szefowa", "change_initiative")
    client.force_login(boss)
    page = client.get(f"/admin/inicjatywy/ocena/{initiative.pk}/").text
    assert "Zapisz decyzję" in page and "Złóż oświadczenie" in page
    answer = client.post(
        f"/admin/inicjatywy/ocena/{initiative.pk}/",
        {"action": "declare", "has_conflict": "1", "note": "Sąsiadka lidera."},
    )
    assert answer.status_code == 302
    page = client.get(f"/admin/inicjatywy/ocena/{initiative.pk}/").text
    assert "Zapisz decyzję" not in page
    assert "decyzję podejmie inna osoba" in page
    answer = client.post(
        f"/admin/inicjatywy/ocena/{initiative.pk}/",
        {"action": "decide", "status": Status.IN_ASSESSMENT, "justification": ""},
    )
    assert answer.status_code == 200
    assert "konflikt interesów" in answer.text
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED
    with pytest.raises(ValidationError, match="konflikt interesów"):
        assessment.decide(initiative, Status.FORMALLY_REJECTED, "Braki.", boss)
    # Another coordinator decides.
    assessment.decide(
        initiative, Status.IN_ASSESSMENT, "", user_with("zastepca", "change_initiative")
    )
    initiative.refresh_from_db()
    assert initiative.status == Status.IN_ASSESSMENT


def test_acceptance_needs_the_years_minimum_of_scores(client, rules):
    assert rules.min_scores == 2  # the default
    initiative = initiatives.initiative(rules, status=Status.IN_ASSESSMENT)
    score(initiative, user_with("m1", "add_score"))
    with pytest.raises(ValidationError, match="ocenił 1 z wymaganych 2"):
        assessment.decide(initiative, Status.ACCEPTED, "Dobre.", granted_amount=Decimal("100"))
    # Through the screen: the error in Polish, the input kept, nothing stored.
    client.force_login(user_with("koordynator", "change_initiative"))
    answer = client.post(
        f"/admin/inicjatywy/ocena/{initiative.pk}/",
        {
            "action": "decide",
            "status": Status.ACCEPTED,
            "granted_amount": "7 000,00",
            "justification": "Wniosek dobrze przygotowany.",
        },
    )
    assert answer.status_code == 200
    assert "ocenił 1 z wymaganych 2" in answer.text
    assert "Wniosek dobrze przygotowany." in answer.text
    initiative.refresh_from_db()
    assert initiative.status == Status.IN_ASSESSMENT and initiative.granted_amount is None
    assert (
        "oceniło 1 z wymaganych 2" in client.get(f"/admin/inicjatywy/ocena/{initiative.pk}/").text
    )
    score(initiative, user_with("m2", "add_score"))
    assessment.decide(initiative, Status.ACCEPTED, "Dobre.", granted_amount=Decimal("100"))
    initiative.refresh_from_db()
    assert initiative.status == Status.ACCEPTED


def test_the_minimum_is_set_per_year(initiative_index):
    rules = initiatives.rules_page(initiative_index, year=2029, min_scores=3)
    initiative = initiatives.initiative(rules, status=Status.IN_ASSESSMENT)
    for name in ("a", "b"):
        score(initiative, user_with(name, "add_score"))
    with pytest.raises(ValidationError, match="ocenił 2 z wymaganych 3"):
        assessment.decide(initiative, Status.ACCEPTED, "x", granted_amount=Decimal("1"))
    # A member in a conflict of interest adds no score.
    conflicted = user_with("c", "add_score")
    assessment.declare(initiative, conflicted, has_conflict=True)
    with pytest.raises(ValidationError):
        assessment.save_scores(
            initiative, conflicted, dict.fromkeys(rules.criteria.all(), (1, "x"))
        )
    score(initiative, user_with("d", "add_score"))
    assessment.decide(initiative, Status.ACCEPTED, "x", granted_amount=Decimal("1"))
    assert Initiative.objects.get(pk=initiative.pk).status == Status.ACCEPTED


def test_a_decision_from_a_page_shown_before_another_decision_is_refused(client, rules):
    """The lock covers two requests at the same moment; the status the coordinator saw
    when the page was shown (a hidden field) covers a page left open while another
    coordinator decided: withdrawal is allowed from both statuses, so only that catches it."""
    initiative = initiatives.initiative(rules)
    client.force_login(user_with("ala", "change_initiative"))
    page = client.get(f"/admin/inicjatywy/ocena/{initiative.pk}/").text
    assert f'name="seen_status" value="{Status.SUBMITTED}"' in page
    assessment.decide(initiative, Status.IN_ASSESSMENT, "", user_with("ola", "change_initiative"))
    answer = client.post(
        f"/admin/inicjatywy/ocena/{initiative.pk}/",
        {
            "action": "decide",
            "seen_status": Status.SUBMITTED,
            "status": Status.WITHDRAWN,
            "justification": "Wycofany na prośbę lidera.",
        },
    )
    assert answer.status_code == 200
    assert "ktoś inny zmienił status" in answer.text
    # Shown again with the status as it is now, so the next submit is judged on that.
    assert f'name="seen_status" value="{Status.IN_ASSESSMENT}"' in answer.text
    initiative.refresh_from_db()
    assert initiative.status == Status.IN_ASSESSMENT
