"""Confirming a sign-up, finding an address by its link, leaving, and bounces."""

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from alerts.models import SignUp, Subscriber, Subscription
from alerts.registry import DIMENSIONS, choices_of, kind_label, source_for
from core import secret_links


def signup_for(token: str) -> SignUp | None:
    if not token or len(token) > secret_links.MAX_KEY_LENGTH:
        return None
    return SignUp.objects.filter(token_digest=secret_links.digest(token)).first()


def subscriptions_of(signup: SignUp) -> list[dict]:
    """The subscriptions a sign-up asks for: each kind with the dimensions it declares."""
    wanted = []
    for kind in signup.kinds:
        source = source_for(kind)
        if source is None:
            continue
        narrowed = {name: getattr(signup, name) for name in DIMENSIONS}
        wanted.append(
            {
                "kind": kind,
                **{
                    name: (value if name in source.dimensions else "")
                    for name, value in narrowed.items()
                },
                "item_pk": "",
            }
        )
    kind, _sep, pk = signup.follow.partition(":")
    if pk and source_for(kind) is not None:
        wanted.append({"kind": kind, **dict.fromkeys(DIMENSIONS, ""), "item_pk": pk})
    return wanted


def confirm(signup: SignUp) -> Subscriber | None:
    """Make SIGNUP's subscriptions active; None when it was confirmed already."""
    now = timezone.now()
    with transaction.atomic():
        signup = SignUp.objects.select_for_update().get(pk=signup.pk)
        if signup.confirmed_at is not None:
            return None
        subscriber, _created = Subscriber.objects.get_or_create(email=signup.email)
        if subscriber.state != Subscriber.State.ACTIVE:
            # The owner of the address confirmed: a bounce or complaint is over.
            subscriber.state = Subscriber.State.ACTIVE
            subscriber.disabled_at, subscriber.disabled_reason = None, ""
            subscriber.save()
        for wanted in subscriptions_of(signup):
            Subscription.objects.update_or_create(
                subscriber=subscriber, **wanted, defaults={"frequency": signup.frequency}
            )
        # The address now lives in the Subscriber only; the sign-up keeps its receipt.
        SignUp.objects.filter(pk=signup.pk).update(
            confirmed_at=now, personal_data_removed_at=now, email=""
        )
    return subscriber


def subscriber_for(token: str) -> Subscriber | None:
    """The active or disabled address whose manage link TOKEN is, or None."""
    pk, _sep, key = token.partition("-")
    if not pk.isdigit() or not key:
        return None
    subscriber = Subscriber.objects.filter(pk=int(pk)).first()
    if subscriber is None or not secrets.compare_digest(subscriber.key, key):
        return None
    return subscriber


def leave(subscriber: Subscriber) -> None:
    """Unsubscribe from everything: the address and its choices are deleted at once."""
    subscriber.delete()


def disable(email: str, reason: str) -> int:
    """A bounce or complaint: stop sending to EMAIL (deleted at the next purge)."""
    return Subscriber.objects.filter(email=email.strip().lower()).update(
        state=Subscriber.State.DISABLED, disabled_at=timezone.now(), disabled_reason=reason[:20]
    )


@dataclass
class Described:
    pk: int
    text: str
    frequency: str


def describe(subscription: Subscription) -> Described:
    """A subscription in Polish, for the manage page: "Konsultacje społeczne – Centrum"."""
    parts = [kind_label(subscription.kind)]
    if subscription.item_pk:
        source = source_for(subscription.kind)
        obj = source.get_object(subscription.item_pk) if source else None
        title = getattr(obj, "title", None) or f"pozycja nr {subscription.item_pk}"
        parts.append(f"obserwujesz: {title}")
    for name, (label, _param, _all) in DIMENSIONS.items():
        value = getattr(subscription, name)
        if value:
            shown = dict(choices_of(name)).get(value, value)
            parts.append(f"{label.lower()}: {shown}")
    return Described(subscription.pk, " – ".join(parts), subscription.get_frequency_display())
