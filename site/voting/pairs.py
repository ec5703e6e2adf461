"""One person, two ballots: an online and a paper ballot confirmed with the same PESEL.

Both are held in the verification queue (Verification.PAIR) as soon as the second one is
confirmed or typed in, and staff see them together (never the PESEL or its hash); their
decision applies the edition's rule (EditionVoting.duplicate_rule): the ballot the rule
keeps goes on to the register check, the other becomes DUPLICATE (with "neither", both).
The count holds any pair it finds (two confirmations at the same moment may each miss
the other) and refuses to run while a pair waits: nothing is decided silently there.
"""

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from voting.models import Ballot, Channel, DuplicateRule, Verification
from voting.models.rules import edition_rules
from voting.voter_register import register_verification

# Ballots already decided for good: a ballot rejected before its twin arrived stays
# rejected and does not make a pair.
SETTLED = (Verification.INVALID, Verification.DUPLICATE)


class PairRefused(Exception):
    """Nothing to resolve (already resolved, or not a pair); the message is Polish."""


def hold_pairs(edition, voter_hash: str | None = None) -> int:
    """Hold (PAIR) the ballots of EDITION's voters confirmed through both channels whose
    pair has not been resolved; only VOTER_HASH's if given. Returns the ballots held now."""
    confirmed = Ballot.objects.confirmed().filter(edition=edition).exclude(voter_hash="")
    if voter_hash is not None:
        confirmed = confirmed.filter(voter_hash=voter_hash)
    resolved = confirmed.filter(verification=Verification.DUPLICATE).values("voter_hash")
    doubled = (
        confirmed.exclude(verification__in=SETTLED)
        .exclude(voter_hash__in=resolved)
        .values("voter_hash")
        .annotate(channels=Count("channel", distinct=True))
        .filter(channels__gt=1)
        .values("voter_hash")
    )
    return (
        confirmed.filter(voter_hash__in=doubled)
        .exclude(verification__in=(*SETTLED, Verification.PAIR))
        .update(verification=Verification.PAIR, verification_reason="")
    )


def waiting_pairs(edition, limit: int = 50) -> list[list[Ballot]]:
    """EDITION's held pairs, each a list of its ballots (online first), oldest first."""
    held = list(
        Ballot.objects.filter(edition=edition, verification=Verification.PAIR)
        .select_related("entered_by")
        .order_by("confirmed_at", "pk")
    )
    groups: dict[str, list[Ballot]] = {}
    for ballot in held:
        groups.setdefault(ballot.voter_hash, []).append(ballot)
    pairs = [sorted(group, key=lambda b: b.channel != Channel.ONLINE) for group in groups.values()]
    return pairs[:limit]


def kept_channel(rule: str) -> str | None:
    return {DuplicateRule.ONLINE: Channel.ONLINE, DuplicateRule.PAPER: Channel.PAPER}.get(rule)


def resolve_pair(edition, ballot_id, user=None, now=None) -> list[Ballot]:
    """Apply EDITION's rule to the pair BALLOT_ID belongs to; returns its ballots."""
    now = now or timezone.now()
    rules = edition_rules(edition)
    keep = kept_channel(rules.duplicate_rule)
    with transaction.atomic():
        first = (
            Ballot.objects.select_for_update()
            .filter(edition=edition, pk=ballot_id, verification=Verification.PAIR)
            .first()
        )
        if first is None:
            raise PairRefused("Ta para kart została już rozstrzygnięta.")
        ballots = list(
            Ballot.objects.select_for_update()
            .filter(edition=edition, voter_hash=first.voter_hash, verification=Verification.PAIR)
            .order_by("pk")
        )
        for ballot in ballots:
            if ballot.channel == keep:
                ballot.verification_reason = "Liczy się według zasady edycji (drugi głos nie)."
                ballot.verification = register_verification(ballot)  # may give its reason
            else:
                ballot.verification = Verification.DUPLICATE
                ballot.verification_reason = (
                    f"Ta sama osoba głosowała przez internet i na papierze; "
                    f"{rules.get_duplicate_rule_display().lower()}."
                )
            ballot.verified_at, ballot.verified_by = now, user
            ballot.save(
                update_fields=["verification", "verification_reason", "verified_at", "verified_by"]
            )
    return ballots
