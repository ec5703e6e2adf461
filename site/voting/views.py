"""The voter's pages, outside the page tree: the ballot of an edition, the e-mailed
confirmation (a button, so mail scanners that open links confirm nothing) and the check
of a receipt. Never cached: they carry a voter's data or a one-time key."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from core import public_forms
from core.ratelimit import is_rate_limited
from core.secret_links import secret_link_response
from pages.budget.models import BudgetEditionPage
from voting.ballots import ConfirmationRefused, ballot_by_key, confirm, confirm_with_code
from voting.booth import booth_for
from voting.models import Ballot, Verification


def ballot_page(request, edition_id: int):
    # The concrete model's queryset gives the specific page in one query (.specific() on
    # it would read the page's type first, then the page again).
    edition = get_object_or_404(BudgetEditionPage.objects.live(), pk=edition_id)
    booth = booth_for(edition, request.GET.get("pula"))

    def render(status: int, **extra):
        context = {"edition": edition, "booth": booth, "page_title": edition.title, **extra}
        return secret_link_response(
            TemplateResponse(request, "voting/ballot_page.html", context, status=status)
        )

    if request.method == "POST":
        if booth.needs_osiedle_choice():
            raise Http404  # a ballot is posted only with its osiedle pool chosen
        return public_forms.handle_post(request, booth, render)
    form = None
    ballots = public_forms.form_for(booth)
    refusal = ballots.refusal(booth, timezone.now())
    if refusal is None and not booth.needs_osiedle_choice():
        form = ballots.make_form(booth)
    return render(200, form=form, closed=refusal.reason if refusal else "")


def confirm_ballot(request, key: str):
    if is_rate_limited(request, "budget-ballot-link"):
        return secret_link_response(TemplateResponse(request, "voting/limited.html", status=429))
    ballot = ballot_by_key(key)
    if ballot is None:
        raise Http404
    context = {"ballot": ballot, "edition": ballot.edition}
    status = 200
    if request.method == "POST":
        try:
            ballot = confirm(ballot.pk)
            context.update(ballot=ballot, confirmed=True)
        except ConfirmationRefused as refused:
            context["refusal"], status = str(refused), refused.status
    elif ballot.confirmed_at is not None:
        context["refusal"], status = "Ten głos został już potwierdzony – link działa raz.", 409
    elif ballot.confirmation_expires_at <= timezone.now():
        context["refusal"], status = (
            "Link wygasł – głos nie został potwierdzony. Możesz zagłosować ponownie.",
            410,
        )
    return secret_link_response(
        TemplateResponse(request, "voting/confirm.html", context, status=status)
    )


class CodeForm(forms.Form):
    receipt = forms.CharField(
        label="Numer karty",
        max_length=40,
        help_text="Z e-maila lub ze strony po głosowaniu, np. GL-2027-ABCD-EFGH.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    code = forms.CharField(
        label="Kod potwierdzenia",
        max_length=20,
        help_text="8 znaków z e-maila, np. K7QF-2M9X (wielkość liter bez znaczenia).",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )


def confirm_by_code(request):
    """The typed code: the same confirmation as the link's button, for whoever cannot open
    the link (voting.confirmation_code)."""
    form = CodeForm(request.POST if request.method == "POST" else None)
    context, status = {"form": form}, 200
    if request.method == "POST":
        if is_rate_limited(request, "budget-ballot-link"):
            return secret_link_response(
                TemplateResponse(request, "voting/limited.html", status=429)
            )
        if form.is_valid():
            try:
                ballot = confirm_with_code(form.cleaned_data["receipt"], form.cleaned_data["code"])
            except ConfirmationRefused as refused:
                context["refusal"], status = str(refused), refused.status
            else:
                context.update(ballot=ballot, edition=ballot.edition, confirmed=True)
        else:
            status = 400
    return secret_link_response(
        TemplateResponse(request, "voting/confirm_code.html", context, status=status)
    )


# What a receipt's check says: the ballot's standing, never its choices.
def receipt_standing(ballot) -> str:
    if ballot.confirmed_at is None:
        return "Głos nie został potwierdzony e-mailem, więc nie będzie policzony."
    if ballot.verification in (Verification.MATCHED, Verification.VALID):
        return "Głos został potwierdzony i zostanie (lub został) policzony."
    if ballot.verification == Verification.PAIR:
        return (
            "Głos został potwierdzony, ale ta sama osoba głosowała też drugim sposobem "
            "(przez internet i na papierze) – urząd rozstrzyga, który głos się liczy, "
            "według regulaminu edycji."
        )
    if ballot.verification == Verification.DUPLICATE:
        return (
            "Ten głos nie jest liczony: ta sama osoba głosowała też drugim sposobem, "
            "a według regulaminu edycji liczy się tylko jeden głos."
        )
    if ballot.verification == Verification.QUEUED:
        return (
            "Głos został potwierdzony i czeka na sprawdzenie w rejestrze mieszkańców – "
            "urząd może zadzwonić lub napisać w tej sprawie."
        )
    return "Głos został uznany za nieważny. Uzasadnienie poda urząd na Twoją prośbę."


def check_receipt(request):
    context, status = {}, 200
    code = (request.POST.get("kod") or "").strip().upper() if request.method == "POST" else ""
    if code:
        if is_rate_limited(request, "budget-ballot-link"):
            return secret_link_response(
                TemplateResponse(request, "voting/limited.html", status=429)
            )
        ballot = Ballot.objects.filter(receipt_number=code[:32]).first()
        if ballot is None:
            context["answer"], status = "Nie znaleziono karty o tym numerze.", 404
        else:
            context["answer"] = receipt_standing(ballot)
        context["code"] = code[:32]
    return secret_link_response(
        TemplateResponse(request, "voting/check.html", context, status=status)
    )
