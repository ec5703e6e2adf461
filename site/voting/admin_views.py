"""Staff screens of a vote: the edition's dashboard (count, publish), the verification
queue, paper ballots and the register's import. No screen shows a PESEL (none is kept)
or a voter's hash; the queue's names and contacts are recorded as personal-data access.

Counting and publishing need `voting.change_editionvoting` (editors); the queue, paper
ballots and the register need `voting.change_ballot` (the submissions team).
"""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from wagtail.admin.auth import user_passes_test

from core import audit
from core.models import PersonalDataAccess
from core.public_forms import Refused
from pages.budget.models import BudgetEditionPage
from voting.ballots import store_ballot
from voting.booth import booth_for
from voting.counting import CountRefused, count_edition
from voting.forms import BallotForm
from voting.models import Ballot, Channel, EditionVoting, Verification
from voting.models.ballot import HELD
from voting.models.rules import edition_rules
from voting.pairs import PairRefused, resolve_pair, waiting_pairs
from voting.publication import publish_results
from voting.voter_register import import_register

COUNT_PERMISSION = "voting.change_editionvoting"
BALLOT_PERMISSION = "voting.change_ballot"

staff = user_passes_test(lambda user: user.is_authenticated)


def _need(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


def _edition(edition_id):
    return get_object_or_404(BudgetEditionPage, pk=edition_id)


@staff
def editions(request):
    if not (request.user.has_perm(COUNT_PERMISSION) or request.user.has_perm(BALLOT_PERMISSION)):
        raise PermissionDenied
    found = BudgetEditionPage.objects.order_by("-year", "title")
    return render(request, "voting/admin/editions.html", {"editions": found})


@staff
def dashboard(request, edition_id):
    if not (request.user.has_perm(COUNT_PERMISSION) or request.user.has_perm(BALLOT_PERMISSION)):
        raise PermissionDenied
    edition = _edition(edition_id)
    voting = edition_rules(edition)
    ballots = Ballot.objects.filter(edition=edition).aggregate(
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
        pending=Count("pk", filter=Q(confirmed_at__isnull=True)),
        paper=Count("pk", filter=Q(channel=Channel.PAPER)),
        queued=Count("pk", filter=Q(confirmed_at__isnull=False, verification__in=HELD)),
    )
    results = []
    if voting.pk and voting.counted_at:
        results = list(
            voting.pool_results.without_snapshot()
            .select_related("pool")
            .prefetch_related("rows__project")
        )
    context = {
        "edition": edition,
        "voting": voting,
        "ballots": ballots,
        "registered": edition.eligible_voters.count(),
        "results": results,
        "voting_over": edition.results_from is not None and edition.results_from <= timezone.now(),
    }
    return render(request, "voting/admin/dashboard.html", context)


@staff
@require_POST
def count(request, edition_id):
    _need(request.user, COUNT_PERMISSION)
    edition = _edition(edition_id)
    try:
        voting = count_edition(edition)
    except CountRefused as refused:
        messages.error(request, str(refused))
    else:
        summary = voting.summary
        messages.success(
            request,
            f"Policzono: kart {summary['ballots']}, ważnych {summary['valid']}, "
            f"nieważnych {summary['invalid']}. Wyniki nie są jeszcze publiczne.",
        )
    return redirect("voting_dashboard", edition.pk)


@staff
@require_POST
def publish(request, edition_id):
    _need(request.user, COUNT_PERMISSION)
    edition = _edition(edition_id)
    try:
        publish_results(edition, request.user)
    except CountRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Wyniki są opublikowane.")
    return redirect("voting_dashboard", edition.pk)


class VerificationForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decyzja",
        choices=[(Verification.VALID, "Głos ważny"), (Verification.INVALID, "Głos nieważny")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="Uzasadnienie", max_length=300, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Verification.INVALID and not cleaned.get("reason"):
            self.add_error("reason", "Podaj, dlaczego głos jest nieważny.")
        return cleaned


@staff
def queue(request, edition_id):
    _need(request.user, BALLOT_PERMISSION)
    edition = _edition(edition_id)
    status, errors = 200, {}
    if request.method == "POST":
        if _published(edition):
            messages.error(request, "Wyniki są opublikowane – weryfikacji nie można zmienić.")
            status = 409
        elif request.POST.get("pair"):
            try:
                resolve_pair(edition, _int(request.POST["pair"]), request.user)
            except PairRefused as refused:
                messages.error(request, str(refused))
                status = 409
            else:
                messages.success(request, "Rozstrzygnięto parę kart według zasady edycji.")
                return redirect("voting_queue", edition.pk)
        else:
            status, errors = _decide(request, edition)
            if status == 302:
                return redirect("voting_queue", edition.pk)
    waiting = list(
        Ballot.objects.confirmed()
        .filter(edition=edition, verification=Verification.QUEUED)
        .select_related("osiedle_pool")
        .order_by("confirmed_at")[:100]
    )
    rows = [(b, errors.get(b.pk) or VerificationForm(prefix=f"b{b.pk}")) for b in waiting]
    pairs = waiting_pairs(edition)
    if waiting or pairs:
        shown = len(waiting) + sum(len(pair) for pair in pairs)
        audit.record(request, PersonalDataAccess.Action.LIST, Ballot, rows=shown)
    context = {
        "edition": edition,
        "rows": rows,
        "pairs": pairs,
        "rule": edition_rules(edition).get_duplicate_rule_display(),
    }
    return render(request, "voting/admin/queue.html", context, status=status)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _decide(request, edition) -> tuple[int, dict]:
    """Record the decision on one queued ballot. Only a ballot still waiting in the queue
    is accepted: one matched in the register, decided, held as a pair or never confirmed is
    refused (409), so a stale or tampered form changes nothing."""
    ballot = get_object_or_404(Ballot, edition=edition, pk=_int(request.POST.get("ballot")))
    if ballot.confirmed_at is None or ballot.verification != Verification.QUEUED:
        messages.error(
            request,
            f"Karta {ballot.receipt_number} nie czeka w kolejce weryfikacji "
            f"({ballot.get_verification_display().lower() or 'niepotwierdzona'}) – "
            "nic nie zmieniono.",
        )
        return 409, {}
    form = VerificationForm(request.POST, prefix=f"b{ballot.pk}")
    if not form.is_valid():
        messages.error(request, f"Karta {ballot.receipt_number}: popraw decyzję.")
        return 400, {ballot.pk: form}
    updated = Ballot.objects.filter(pk=ballot.pk, verification=Verification.QUEUED).update(
        verification=form.cleaned_data["decision"],
        verification_reason=form.cleaned_data["reason"],
        verified_at=timezone.now(),
        verified_by=request.user,
    )
    if not updated:  # decided by someone else in the meantime
        messages.error(request, f"Karta {ballot.receipt_number} została już rozstrzygnięta.")
        return 409, {}
    messages.success(request, f"Zapisano: karta {ballot.receipt_number}.")
    return 302, {}


def _published(edition) -> bool:
    return EditionVoting.objects.filter(
        edition=edition, results_published_at__isnull=False
    ).exists()


def paper_entry_refusal(edition, now=None) -> str:
    """Why a paper ballot cannot be typed in now ("" when it can): from the start of voting
    to the edition's grace days after its end (the urns' ballots are typed in then), never
    after publication."""
    now = now or timezone.now()
    if _published(edition):
        return "Wyniki są opublikowane – nie można dopisać karty."
    if edition.voting_from is None or now < edition.voting_from:
        return "Karty papierowe wpisuje się od rozpoczęcia głosowania."
    if edition.results_from is not None:
        until = edition.results_from + timedelta(days=edition_rules(edition).paper_entry_days)
        if now >= until:
            when = date_format(timezone.localtime(until), "j E Y, H:i")
            return f"Termin wpisywania kart papierowych minął {when}."
    return ""


@staff
def paper_ballot(request, edition_id):
    _need(request.user, BALLOT_PERMISSION)
    edition = _edition(edition_id)
    booth = booth_for(edition, request.GET.get("pula"))
    refusal = paper_entry_refusal(edition)
    form = None
    if refusal:
        if request.method == "POST":
            messages.error(request, f"{refusal} Karta nie została zapisana.")
    elif not booth.needs_osiedle_choice():
        data = request.POST if request.method == "POST" else None
        form = BallotForm(data, booth=booth, channel=Channel.PAPER)
        if data is not None and form.is_valid():
            try:
                ballot, _created = store_ballot(
                    form, booth, channel=Channel.PAPER, entered_by=request.user
                )
            except Refused as refused:
                form.add_error("pesel", refused.refusal.reason)
            else:
                messages.success(
                    request,
                    f"Zapisano kartę {ballot.receipt_number} "
                    f"({ballot.get_verification_display().lower()}).",
                )
                if ballot.verification == Verification.PAIR:
                    messages.warning(
                        request,
                        "Ta osoba głosowała też przez internet: obie karty czekają w kolejce "
                        "weryfikacji, gdzie rozstrzyga się je według zasady edycji.",
                    )
                return redirect(f"{request.path}?pula={request.GET.get('pula', '')}")
    status = 400 if form is not None and form.errors else 200
    if refusal and request.method == "POST":
        status = 409
    context = {"edition": edition, "booth": booth, "form": form, "refusal": refusal}
    return render(request, "voting/admin/paper_ballot.html", context, status=status)


class RegisterForm(forms.Form):
    file = forms.FileField(
        label="Plik z rejestrem (tekst, jeden wpis w wierszu)",
        help_text="Skróty HMAC-SHA256 (64 znaki szesnastkowe) albo numery PESEL – te są "
        "od razu zamieniane na skróty i nigdzie nie zapisywane.",
    )


@staff
def voter_register(request, edition_id):
    _need(request.user, BALLOT_PERMISSION)
    edition = _edition(edition_id)
    form = RegisterForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            text = form.cleaned_data["file"].read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", "Plik musi być tekstem w UTF-8.")
        else:
            report = import_register(edition, text.splitlines())
    context = {
        "edition": edition,
        "form": form,
        "report": report,
        "registered": edition.eligible_voters.count(),
    }
    return render(request, "voting/admin/register.html", context)
