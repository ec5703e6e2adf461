"""Editors submit, approvers publish; scheduled publishing; grant calls under the workflow."""

import datetime

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, WorkflowState

import pytest

from accounts import roles
from pages.department.models import StandardPage
from snippets.models import GrantCall, SmallGrantOffer
from tests.factories.registry import SmallGrantOfferFactory

pytestmark = pytest.mark.django_db


def _add_url(parent):
    return f"/admin/pages/add/pages/standardpage/{parent.pk}/"


def _form(title, slug, **extra):
    return {"title": title, "slug": slug, "summary": "", "body-count": "0", **extra}


def _page(slug):
    return StandardPage.objects.get(slug=slug)


def test_an_editor_cannot_publish_only_submit(client, home_page, editor_user):
    client.force_login(editor_user)
    client.post(_add_url(home_page), _form("Ogłoszenie", "ogloszenie", **{"action-publish": "1"}))
    page = _page("ogloszenie")
    assert not page.live

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        _form("Ogłoszenie", "ogloszenie", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == roles.WORKFLOW_NAME


def test_an_approver_approves_and_the_page_goes_live(client, home_page, editor_user, approver_user):
    client.force_login(editor_user)
    client.post(_add_url(home_page), _form("Nabór", "nabor", **{"action-submit": "1"}))
    page = _page("nabor")
    assert not page.live
    task_state = page.current_workflow_task_state
    assert task_state is not None

    # The editor may not approve their own submission.
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live

    client.force_login(approver_user)
    response = client.post(url, {"comment": "Zatwierdzam"})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert public_url_ok(client, "/nabor/")


def public_url_ok(client, url):
    client.logout()
    return client.get(url).status_code == 200


def test_scheduled_publishing_waits_for_publish_scheduled(
    client, home_page, editor_user, approver_user
):
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    client.force_login(editor_user)
    client.post(
        _add_url(home_page),
        _form(
            "Zaplanowana",
            "zaplanowana",
            go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
            **{"action-submit": "1"},
        ),
    )
    page = _page("zaplanowana")
    task_state = page.current_workflow_task_state
    client.force_login(approver_user)
    client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""})
    page.refresh_from_db()
    assert not page.live
    revision = page.latest_revision
    assert revision.approved_go_live_at is not None

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live  # not yet due

    # Two days later (the revision's own go_live_at moves with it).
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def test_the_workflow_covers_every_page_and_grant_calls():
    root = Page.get_first_root_node()
    assert root.get_workflow().name == roles.WORKFLOW_NAME
    assert GrantCall().get_workflow().name == roles.WORKFLOW_NAME


def test_only_approvers_publish_grant_calls_while_editors_publish_the_ngo_registry(
    editor_user, approver_user
):
    assert editor_user.has_perm("snippets.change_grantcall")
    assert not editor_user.has_perm("snippets.publish_grantcall")
    assert approver_user.has_perm("snippets.publish_grantcall")
    assert editor_user.has_perm("snippets.publish_ngo")


def test_small_grant_offers_are_under_the_workflow_and_only_approvers_publish_them(
    editor_user, approver_user
):
    assert SmallGrantOffer().get_workflow().name == roles.WORKFLOW_NAME
    assert editor_user.has_perm("snippets.change_smallgrantoffer")
    assert not editor_user.has_perm("snippets.publish_smallgrantoffer")
    assert approver_user.has_perm("snippets.publish_smallgrantoffer")


def _offer_url(action, *args):
    return reverse(f"wagtailsnippets_snippets_smallgrantoffer:{action}", args=args)


def _offer_form(offer, **extra):
    return {
        "ngo": offer.ngo_id,
        "title": "Piknik rodzinny na osiedlu",
        "area": offer.area_id,
        "summary": "",
        "amount": "9000.00",
        "received_on": offer.received_on.isoformat(),
        "realisation_from": "",
        "realisation_to": "",
        "offer_document": "",
        "outcome": SmallGrantOffer.Outcome.PENDING,
        "outcome_note": "",
        "go_live_at": "",
        "expire_at": "",
        **extra,
    }


def test_an_editors_publish_of_a_small_grant_offer_is_refused_until_an_approver_approves(
    client, editor_user, approver_user
):
    offer = SmallGrantOfferFactory(live=False, published_on=None)
    client.force_login(editor_user)

    # The editor presses "publish" anyway: only a draft is saved, nothing goes public.
    response = client.post(
        _offer_url("edit", offer.pk), _offer_form(offer, **{"action-publish": "1"})
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert not offer.live and offer.live_revision is None
    assert offer.latest_revision.as_object().title == "Piknik rodzinny na osiedlu"
    assert offer not in SmallGrantOffer.objects.published()

    # Submitting sends it to the approvers' workflow.
    response = client.post(
        _offer_url("edit", offer.pk), _offer_form(offer, **{"action-submit": "1"})
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert not offer.live
    state = offer.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == roles.WORKFLOW_NAME
    task_state = state.current_task_state
    approve = _offer_url("workflow_action", offer.pk, "approve", task_state.pk)

    # The editor cannot approve it either.
    client.post(approve, {"comment": ""})
    offer.refresh_from_db()
    assert not offer.live

    client.force_login(approver_user)
    client.post(approve, {"comment": "Zatwierdzam"})
    offer.refresh_from_db()
    assert offer.live and offer.title == "Piknik rodzinny na osiedlu"
