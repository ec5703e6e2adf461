"""Staff steps on an application: the formal check (with a call for corrections and its
deadline), the team's conflict declarations and scores, and the decision.

Every status change is one entry of the public history with its justification; the
applicant is e-mailed after the commit. A member who declared a conflict of interest does
not score; the score is the weighted sum of the criteria's means over the members
(register.mean_score).
"""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from core import deadlines
from core.models import DeadlineSettings
from pages.initiatives import report_photos
from pages.initiatives.choices import Stage, Status
from pages.initiatives.contribution import zl
from pages.initiatives.models import ConflictDeclaration, Score, StatusChange
from pages.initiatives.state import RULES

TRANSITIONS = {
    Status.SUBMITTED: (Status.IN_ASSESSMENT, Status.TO_CORRECT, Status.FORMALLY_REJECTED),
    Status.TO_CORRECT: (Status.IN_ASSESSMENT, Status.FORMALLY_REJECTED),
    Status.IN_ASSESSMENT: (Status.ACCEPTED, Status.REFUSED),
    Status.ACCEPTED: (Status.REALISED,),
}
FINAL = (Status.FORMALLY_REJECTED, Status.REFUSED, Status.REALISED, Status.WITHDRAWN)
STAGE_OF = {
    Status.IN_ASSESSMENT: Stage.FORMAL,
    Status.TO_CORRECT: Stage.FORMAL,
    Status.FORMALLY_REJECTED: Stage.FORMAL,
    Status.ACCEPTED: Stage.DECISION,
    Status.REFUSED: Stage.DECISION,
    Status.REALISED: Stage.IMPLEMENTATION,
}
NEEDS_JUSTIFICATION = (Status.TO_CORRECT, Status.FORMALLY_REJECTED, Status.REFUSED, Status.ACCEPTED)


def allowed_next(status: str) -> list[str]:
    if status in FINAL:
        return []
    return [*TRANSITIONS.get(status, ()), Status.WITHDRAWN]


def _when(value) -> str:
    return date_format(timezone.localtime(value), "j E Y, H:i")


def _send_after_commit(to: str, subject: str, body: str) -> None:
    if to:
        transaction.on_commit(
            lambda: send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])
        )


def decide(
    initiative, status: str, justification: str, user=None, *, granted_amount=None, now=None
):
    """Give INITIATIVE the STATUS with a public JUSTIFICATION (and, when accepted, the
    city's amount); raises ValidationError in Polish when the step is not allowed."""
    now = now or timezone.now()
    justification = (justification or "").strip()
    if status not in allowed_next(initiative.status):
        raise ValidationError(
            f"Ze statusu „{initiative.get_status_display()}” nie można przejść do "
            f"„{Status(status).label}”."
        )
    if user is not None and in_conflict(initiative, user):
        raise ValidationError(
            "Zadeklarowano konflikt interesów z tym wnioskiem: decyzję musi podjąć inna osoba."
        )
    if status in NEEDS_JUSTIFICATION and not justification:
        raise ValidationError("Ta decyzja wymaga jawnego uzasadnienia.")
    if status == Status.ACCEPTED:
        if granted_amount is None or granted_amount <= 0:
            raise ValidationError("Podaj wkład miasta przyznany w decyzji.")
        if granted_amount > initiative.city_amount:
            raise ValidationError(
                "Przyznany wkład miasta nie może przekraczać wnioskowanego "
                f"({zl(initiative.city_amount)})."
            )
        count = scored_by(initiative)
        if not count:
            raise ValidationError("Wniosek nie został jeszcze oceniony przez zespół.")
        needed = initiative.rules.min_scores
        if count < needed:
            raise ValidationError(
                f"Wniosek ocenił {count} z wymaganych {needed} członków zespołu "
                "(zasady roku): przyjąć go można po komplecie ocen."
            )
    report = getattr(initiative, "report", None)
    if status == Status.REALISED and report is None:
        raise ValidationError("Wnioskodawca nie wysłał jeszcze sprawozdania.")
    with transaction.atomic():
        # Two coordinators deciding at once: the row is locked and the status they saw
        # compared, so only the first decision is stored; the other is refused whole.
        current = type(initiative).objects.select_for_update().only("status").get(pk=initiative.pk)
        if current.status != initiative.status:
            initiative.refresh_from_db()
            raise ValidationError(
                "W tym czasie ktoś inny zmienił status wniosku (teraz: "
                f"„{initiative.get_status_display()}”). Sprawdź go i zdecyduj ponownie."
            )
        initiative.status = status
        if status == Status.TO_CORRECT:
            # Art. 111 § 2 k.c.: counted from the day after the call (art. 115 if set).
            initiative.correction_due_at = deadlines.term_end(
                deadlines.local_day(now),
                initiative.rules.correction_days,
                extend=DeadlineSettings.load().extend_to_working_day,
            )
        if status in (Status.ACCEPTED, Status.REFUSED):
            initiative.decided_at = now
            initiative.granted_amount = granted_amount if status == Status.ACCEPTED else None
        if status in FINAL:
            initiative.closed_at = now
        initiative.save(
            update_fields=[
                "status",
                "correction_due_at",
                "decided_at",
                "granted_amount",
                "closed_at",
            ]
        )
        if status == Status.REALISED:
            report.accepted_at = now
            report.save(update_fields=["accepted_at"])
            report_photos.publish(report)
        entry = StatusChange.objects.create(
            initiative=initiative,
            status=status,
            stage=STAGE_OF.get(status, Stage.OTHER),
            at=now,
            justification=justification,
            decided_by=user,
        )
        _notify_applicant(initiative, status, justification)
    return entry


def _notify_applicant(initiative, status: str, justification: str) -> None:
    body = (
        f"Wniosek „{initiative.title}” ({initiative.receipt_number}): {Status(status).label}.\n\n"
    )
    if status == Status.ACCEPTED:
        body += (
            f"Przyznany wkład miasta: {zl(initiative.granted_amount)}. "
            "Skontaktujemy się w sprawie umowy.\n\n"
        )
    if justification:
        body += f"Uzasadnienie:\n{justification}\n\n"
    if status == Status.TO_CORRECT:
        body += (
            f"Uzupełnij braki do {_when(initiative.correction_due_at)} przez prywatny link "
            "z e-maila potwierdzającego wniosek. Po tym terminie wniosek może zostać odrzucony.\n"
        )
    _send_after_commit(
        initiative.leader_email, f"Wniosek {initiative.receipt_number}: decyzja", body
    )


# The applicant's corrections.


def correction_open(initiative, now: datetime) -> bool:
    return (
        initiative.status == Status.TO_CORRECT
        and initiative.correction_due_at is not None
        and now < initiative.correction_due_at
    )


def can_edit(initiative, now: datetime) -> bool:
    """The applicant corrects an application waiting for the formal check while the call
    is open, or when called to correct, until the deadline."""
    if initiative.status == Status.SUBMITTED:
        return RULES.state_of(initiative.rules, now) == RULES.OPEN
    return correction_open(initiative, now)


def record_applicant_edit(initiative, now: datetime) -> None:
    was_called = initiative.status == Status.TO_CORRECT
    if was_called:
        initiative.status = Status.SUBMITTED
        initiative.save(update_fields=["status"])
    StatusChange.objects.create(
        initiative=initiative,
        status=initiative.status,
        stage=Stage.CORRECTION if was_called else Stage.SUBMISSION,
        at=now,
        justification="Wnioskodawca uzupełnił braki."
        if was_called
        else "Wnioskodawca poprawił wniosek.",
    )


# The team.


def declare(initiative, member, has_conflict: bool, note: str = "") -> ConflictDeclaration:
    if initiative.declarations.filter(member=member).exists():
        raise ValidationError("Oświadczenie o konflikcie interesów do tego wniosku już złożono.")
    return ConflictDeclaration.objects.create(
        initiative=initiative, member=member, has_conflict=has_conflict, note=note.strip()
    )


def scored_by(initiative) -> int:
    """How many members scored (each scores every criterion at once)."""
    return initiative.scores.values("member").distinct().count()


def in_conflict(initiative, user) -> bool:
    return initiative.declarations.filter(member=user, has_conflict=True).exists()


def may_score(initiative, member) -> bool:
    declaration = initiative.declarations.filter(member=member).first()
    return declaration is not None and not declaration.has_conflict


def save_scores(initiative, member, values: dict) -> None:
    """VALUES: {criterion: (points, comment)} for every criterion of the year's rules.
    All or nothing; a member may change their scores until the decision."""
    if initiative.status != Status.IN_ASSESSMENT:
        raise ValidationError("Oceniać można tylko wniosek poprawny formalnie, przed decyzją.")
    if not may_score(initiative, member):
        raise ValidationError(
            "Przed oceną złóż oświadczenie o braku konfliktu interesów. Osoba w konflikcie "
            "interesów nie ocenia wniosku."
        )
    criteria = set(initiative.rules.criteria.all())
    if set(values) != criteria:
        raise ValidationError("Oceń każde kryterium.")
    for criterion, (points, comment) in values.items():
        if not 0 <= points <= criterion.max_points:
            raise ValidationError(f"„{criterion.name}”: punkty od 0 do {criterion.max_points}.")
        if not (comment or "").strip():
            raise ValidationError(f"„{criterion.name}”: dodaj komentarz do oceny.")
    with transaction.atomic():
        for criterion, (points, comment) in values.items():
            Score.objects.update_or_create(
                initiative=initiative,
                member=member,
                criterion=criterion,
                defaults={
                    "points": points,
                    "comment": comment.strip(),
                    "scored_at": timezone.now(),
                },
            )


def scoring_summary(initiative) -> list[dict]:
    """For staff: each criterion with its weight, the members' points and the mean."""
    rows = []
    for criterion in initiative.rules.criteria.all():
        scores = [s for s in initiative.scores.all() if s.criterion_id == criterion.pk]
        mean = (
            (Decimal(sum(s.points for s in scores)) / len(scores)).quantize(Decimal("0.01"))
            if scores
            else None
        )
        rows.append({"criterion": criterion, "scores": scores, "mean": mean})
    return rows
