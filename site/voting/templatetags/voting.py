"""What an edition's page says of its vote (the budget's template includes ours, so the
budget app imports nothing of this one)."""

from django import template
from django.urls import reverse
from django.utils import timezone

from pages.budget.phases import EDITION
from voting.models import EditionVoting

register = template.Library()


@register.inclusion_tag("voting/includes/edition_box.html")
def voting_box(edition):
    phase = edition.get_phase(timezone.now())
    published = EditionVoting.objects.filter(
        edition=edition, results_published_at__isnull=False
    ).exists()
    return {
        "edition": edition,
        "voting_now": phase == EDITION.VOTING,
        "ballot_url": reverse("voting_ballot", args=[edition.pk]),
        "check_url": reverse("voting_check"),
        "results_url": reverse("voting_results", args=[edition.pk]) if published else "",
    }
