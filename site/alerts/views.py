"""The public side: sign up (the shared pipeline), confirm, manage, leave; the webhook.

The links in e-mails carry a secret, so their pages are never cached, never indexed and
send their address to no other site (core.secret_links).
"""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from alerts import subscribing
from alerts.forms import SignUpForm, followed_item, initial_from
from alerts.models import Frequency, Subscription
from alerts.public_forms import DESK
from core import public_forms
from core.secret_links import secret_link_response


def signup(request):
    def render(status: int = 200, **context):
        form = context.get("form", None if "receipt" in context else SignUpForm())
        follow = form["follow"].value() if form is not None else ""
        followed = followed_item(follow) if follow else None
        context = {
            "form": form,
            "followed": followed[2] if followed else None,
            **context,
        }
        return TemplateResponse(request, "alerts/signup.html", context, status=status)

    if request.method == "POST":
        return public_forms.handle_post(request, DESK, render)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    return render(form=SignUpForm(initial=initial_from(request.GET)))


@never_cache
def confirm(request, token):
    signup = subscribing.signup_for(token)
    context = {"state": "invalid"}
    status = 404
    if signup is not None and signup.confirmed_at is not None:
        context, status = {"state": "done"}, 200
    elif signup is not None and signup.expires_at < timezone.now():
        context, status = {"state": "expired"}, 410
    elif signup is not None:
        context, status = {"state": "ask"}, 200
        # Confirmed by a click on the page's button, not by opening the link: mail
        # scanners open links, and must not confirm on the reader's behalf.
        if request.method == "POST":
            subscriber = subscribing.confirm(signup)
            context = {"state": "confirmed", "subscriber": subscriber}
            if subscriber is not None:
                context["manage_path"] = reverse("alerts:manage", args=[subscriber.token])
    return secret_link_response(
        TemplateResponse(request, "alerts/confirm.html", context, status=status)
    )


@never_cache
def manage(request, token):
    subscriber = subscribing.subscriber_for(token)
    if subscriber is None:
        return secret_link_response(
            TemplateResponse(request, "alerts/invalid_link.html", status=404)
        )
    if request.method == "POST":
        if "wypisz" in request.POST:
            subscribing.leave(subscriber)
            return secret_link_response(TemplateResponse(request, "alerts/left.html"))
        remove = request.POST.get("usun", "")
        frequency = request.POST.get("czestotliwosc", "")
        mine = Subscription.objects.filter(subscriber=subscriber)
        if remove.isdigit() and mine.filter(pk=int(remove)).delete()[0]:
            messages.success(request, "Usunięto powiadomienie.")
        elif frequency in Frequency.values:
            mine.update(frequency=frequency)
            messages.success(request, "Zmieniono częstotliwość powiadomień.")
        return redirect("alerts:manage", token=token)
    subscriptions = [
        subscribing.describe(s) for s in subscriber.subscriptions.order_by("kind", "pk")
    ]
    context = {
        "subscriber": subscriber,
        "subscriptions": subscriptions,
        "frequencies": Frequency.choices,
        "unsubscribe_path": reverse("alerts:unsubscribe", args=[token]),
    }
    return secret_link_response(TemplateResponse(request, "alerts/manage.html", context))


@never_cache
@csrf_exempt  # RFC 8058: the mail client posts "List-Unsubscribe=One-Click", no CSRF token
def unsubscribe(request, token):
    """One click: a POST from the mail client (or the page's button) unsubscribes."""
    subscriber = subscribing.subscriber_for(token)
    if subscriber is None:
        # Already gone (a second click) or a wrong link: nothing to say about whom.
        return secret_link_response(
            TemplateResponse(request, "alerts/left.html", {"unknown": True})
        )
    if request.method == "POST":
        subscribing.leave(subscriber)
        return secret_link_response(TemplateResponse(request, "alerts/left.html"))
    return secret_link_response(
        TemplateResponse(request, "alerts/unsubscribe.html", {"token": token})
    )
