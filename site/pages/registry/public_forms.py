"""Comments on a small-grant offer (art. 19a), on the shared pipeline (core.public_forms)."""

from core.public_forms import NOT_ACCEPTING, PublicForm, Refusal
from pages.registry.forms import OfferCommentForm
from snippets.models import SmallGrantOffer


class OfferComments(PublicForm):
    kind = "offer-comment"
    target_model = SmallGrantOffer
    form_class = OfferCommentForm
    not_stored = "Twoje uwagi nie zostały zapisane."
    notice_what = "uwagi do oferty w trybie art. 19a"
    team_mailbox = "ngo_team_email"  # small grants are the NGO team's
    admin_view = "offer_comments:inspect"

    def refusal(self, target, now):
        # An offer is public from the day it went live, and its window with it
        # (snippets.offer_state): it is either open or past its term.
        if target.comments_open_at(now):
            return None
        return Refusal(NOT_ACCEPTING, "Termin zgłaszania uwag do tej oferty minął.")

    def build(self, form, target):
        return form.build_instance(offer=target)
