"""What the NGO zone changes: a proposed offer (a draft in the approval workflow) and the
decision on an answer, with the e-mail that tells the resident."""

from django.db import transaction
from django.utils import timezone

from core.form_notices import Notice
from core.models import SiteContactSettings
from pages.volunteering import statistics
from pages.volunteering.models import VolunteerAnswer


def propose_offer(form, ngo, user):
    """Store the partner's offer as a draft of NGO's and submit it for approval.

    Without a workflow assigned (it is, by migration) it stays a draft for editors.
    """
    # One transaction: an offer without its revision or workflow state would sit unseen
    # by approvers (nothing half-stored).
    with transaction.atomic():
        offer = form.save(commit=False)
        offer.ngo = ngo
        offer.live = False
        offer.save()
        revision = offer.save_revision(user=user, log_action=True)
        workflow = offer.get_workflow()
        if workflow is not None:
            workflow.start(offer, user)
    return offer, revision


def decide(request, answer: VolunteerAnswer, *, accepted: bool) -> Notice | None:
    """Mark ANSWER accepted or declined (once) and return the e-mail telling the resident;
    None when it was decided already (by another partner's click a moment ago)."""
    status = VolunteerAnswer.Status.ACCEPTED if accepted else VolunteerAnswer.Status.DECLINED
    decided_at = timezone.now()
    # A conditional UPDATE, not a check then a save: of two POSTs at once only one decides,
    # so the resident never gets two (or contradicting) e-mails.
    changed = VolunteerAnswer.objects.filter(
        pk=answer.pk, status=VolunteerAnswer.Status.NEW, personal_data_removed_at__isnull=True
    ).update(status=status, decided_at=decided_at)
    if not changed:
        return None
    statistics.numbers_changed()  # an UPDATE: no signal tells the cached statistics
    answer.status, answer.decided_at = status, decided_at
    offer = answer.offer
    contact = SiteContactSettings.for_request(request)
    if accepted:
        outcome = (
            f"organizacja {offer.ngo.name} przyjęła Twoje zgłoszenie. Skontaktuje się z Tobą, "
            "by ustalić szczegóły i zawrzeć porozumienie o wykonywaniu świadczeń wolontariusza."
        )
    else:
        outcome = (
            f"organizacja {offer.ngo.name} tym razem nie może przyjąć Twojego zgłoszenia. "
            "Dziękujemy za chęć pomocy – zajrzyj do innych ofert wolontariatu w portalu."
        )
    body = (
        "Dzień dobry,\n\n"
        f"{outcome}\n\n"
        f"Numer zgłoszenia: {answer.receipt_number}\n"
        f"Oferta: {offer.title}\n\n"
        f"--\n{contact.department_name}\n{contact.institution_name}\n"
    )
    what = "przyjęte" if accepted else "nieprzyjęte"
    return Notice(
        to=(answer.email,),
        subject=f"Zgłoszenie do oferty wolontariatu {answer.receipt_number} – {what}",
        body=body,
    )
