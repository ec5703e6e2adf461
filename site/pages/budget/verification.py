"""Staff decisions on projects (formal and merit verification, results) and appeals.

Every decision is one entry of the project's public history with its justification; a
call for corrections sets a deadline (the edition's days, counted as the civil code
counts) and e-mails the author. The e-mails carry no personal data beyond the address
they go to, and are sent after the commit.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from core import deadlines
from core.models import DeadlineSettings
from pages.budget.models import APPEALABLE, Appeal, Stage, Status, StatusChange
from pages.budget.phases import EDITION

# Which statuses a staff decision may give after which, and at which stage.
TRANSITIONS = {
    Status.SUBMITTED: (Status.FORMALLY_CORRECT, Status.TO_CORRECT, Status.FORMALLY_REJECTED),
    Status.TO_CORRECT: (Status.FORMALLY_CORRECT, Status.FORMALLY_REJECTED),
    Status.FORMALLY_CORRECT: (Status.POSITIVE, Status.NEGATIVE),
    Status.POSITIVE: (Status.ON_BALLOT,),
    Status.ON_BALLOT: (Status.SELECTED, Status.NOT_SELECTED),
    Status.SELECTED: (Status.IMPLEMENTED,),
}
ALWAYS_POSSIBLE = (Status.WITHDRAWN, Status.MERGED)
FINAL = (Status.WITHDRAWN, Status.MERGED, Status.IMPLEMENTED, Status.NOT_SELECTED)
STAGE_OF = {
    Status.FORMALLY_CORRECT: Stage.FORMAL,
    Status.TO_CORRECT: Stage.FORMAL,
    Status.FORMALLY_REJECTED: Stage.FORMAL,
    Status.POSITIVE: Stage.MERIT,
    Status.NEGATIVE: Stage.MERIT,
    Status.ON_BALLOT: Stage.MERIT,
    Status.SELECTED: Stage.VOTE,
    Status.NOT_SELECTED: Stage.VOTE,
    Status.IMPLEMENTED: Stage.IMPLEMENTATION,
}
NEEDS_JUSTIFICATION = (
    Status.TO_CORRECT,
    Status.FORMALLY_REJECTED,
    Status.NEGATIVE,
    Status.POSITIVE,
    Status.MERGED,
)


def allowed_next(status: str) -> list[str]:
    if status in FINAL:
        return []
    return [*TRANSITIONS.get(status, ()), *ALWAYS_POSSIBLE]


def _when(value) -> str:
    return date_format(timezone.localtime(value), "j E Y, H:i")


def _send_after_commit(to: str, subject: str, body: str) -> None:
    if to:
        transaction.on_commit(
            lambda: send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])
        )


def decide(project, status: str, justification: str, user=None, now: datetime | None = None):
    """Give PROJECT the STATUS with a public JUSTIFICATION; raises ValidationError (in
    Polish) when the step is not allowed. Returns the new history entry."""
    now = now or timezone.now()
    justification = (justification or "").strip()
    if status not in allowed_next(project.status):
        raise ValidationError(
            f"Ze statusu „{project.get_status_display()}” nie można przejść do "
            f"„{Status(status).label}”."
        )
    if status in NEEDS_JUSTIFICATION and not justification:
        raise ValidationError("Ta decyzja wymaga jawnego uzasadnienia.")
    with transaction.atomic():
        project.status = status
        if status == Status.TO_CORRECT:
            # Art. 111 § 2 k.c.: counted from the day after the call (art. 115 if set).
            project.correction_due_at = deadlines.term_end(
                deadlines.local_day(now),
                project.edition.correction_days,
                extend=DeadlineSettings.load().extend_to_working_day,
            )
        project.save(update_fields=["status", "correction_due_at"])
        entry = StatusChange.objects.create(
            project=project,
            status=status,
            stage=STAGE_OF.get(status, Stage.OTHER),
            at=now,
            justification=justification,
            decided_by=user,
        )
        _notify_author(project, status, justification)
    return entry


def _notify_author(project, status: str, justification: str) -> None:
    body = f"Projekt „{project.title}” ({project.receipt_number}): {Status(status).label}.\n\n"
    if justification:
        body += f"Uzasadnienie:\n{justification}\n\n"
    if status == Status.TO_CORRECT:
        body += (
            f"Uzupełnij braki do {_when(project.correction_due_at)} przez prywatny link "
            "z e-maila potwierdzającego zgłoszenie. Po tym terminie projekt może zostać "
            "odrzucony.\n"
        )
    if status in APPEALABLE:
        body += (
            "Od tej decyzji możesz się odwołać przez prywatny link w czasie odwołań "
            f"({_when(project.edition.appeals_from)} – {_when(project.edition.voting_from)}).\n"
        )
    _send_after_commit(project.author_email, f"Projekt {project.receipt_number}: decyzja", body)


def correction_open(project, now: datetime) -> bool:
    return (
        project.status == Status.TO_CORRECT
        and project.correction_due_at is not None
        and now < project.correction_due_at
    )


def can_edit(project, now: datetime) -> bool:
    """The author edits while submission lasts (not after a decision), or when called
    to correct, until the deadline."""
    if project.status == Status.SUBMITTED:
        return project.edition.get_phase(now) == EDITION.SUBMISSION
    return correction_open(project, now)


def record_author_edit(project, now: datetime) -> None:
    """A correction sent: the project waits for formal verification again."""
    if project.status == Status.TO_CORRECT:
        project.status = Status.SUBMITTED
        project.save(update_fields=["status"])
        StatusChange.objects.create(
            project=project,
            status=Status.SUBMITTED,
            stage=Stage.CORRECTION,
            at=now,
            justification="Autor uzupełnił braki.",
        )


def can_appeal(project, now: datetime) -> bool:
    return (
        project.status in APPEALABLE
        and project.edition.get_phase(now) == EDITION.APPEALS
        and not project.appeals.filter(against_status=project.status).exists()
    )


def file_appeal(project, text: str, now: datetime) -> Appeal:
    return Appeal.objects.create(
        project=project, against_status=project.status, text=text, submitted_at=now
    )


def decide_appeal(appeal, upheld: bool, justification: str, user=None, now=None) -> None:
    """Uphold (the project gets the status the negative decision denied) or dismiss the
    APPEAL, with a public justification either way."""
    now = now or timezone.now()
    justification = (justification or "").strip()
    if not justification:
        raise ValidationError("Rozstrzygnięcie odwołania wymaga jawnego uzasadnienia.")
    if appeal.outcome != Appeal.Outcome.PENDING:
        raise ValidationError("To odwołanie zostało już rozstrzygnięte.")
    project = appeal.project
    with transaction.atomic():
        appeal.outcome = Appeal.Outcome.UPHELD if upheld else Appeal.Outcome.DISMISSED
        appeal.decided_at = now
        appeal.justification = justification
        appeal.save()
        if upheld:
            project.status = APPEALABLE[Status(appeal.against_status)]
            project.save(update_fields=["status"])
        StatusChange.objects.create(
            project=project,
            status=project.status,
            stage=Stage.APPEAL,
            at=now,
            justification=f"Odwołanie {appeal.get_outcome_display()}. {justification}",
            decided_by=user,
        )
        _send_after_commit(
            project.author_email,
            f"Projekt {project.receipt_number}: rozstrzygnięcie odwołania",
            f"Odwołanie od oceny projektu „{project.title}” zostało "
            f"{appeal.get_outcome_display()}.\n\nUzasadnienie:\n{justification}\n",
        )
