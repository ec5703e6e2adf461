"""The report of a consultation, generated from the analysis.

`figures()` counts what came in (by channel, duplicates once) and the answers to the closed
questions; `table_rows()` lists every comment with the city's position and reason, naming
organisations staff confirmed and never a private person; `generate()` writes both into a
new draft of the consultation page, which editors correct and send through the approval
workflow like any change: nothing is public before an approver publishes it.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html

from core.deadlines import last_day, official_date
from core.text import pluralize_pl
from pages.consultations.blocks import CLOSED_KINDS
from pages.consultations.choices import PRIVATE_PERSON, Channel
from pages.consultations.models import ConsultationComment, ConsultationResponse
from pages.consultations.state import CONSULTATION


def counted_responses(page):
    """Responses that count: a duplicate sent through a second channel counts once."""
    return ConsultationResponse.objects.filter(consultation=page, duplicate_of__isnull=True)


def figures(page) -> dict:
    """The report's numbers, as stored with it (JSON): responses and comments by channel,
    organisations, and the counts of each closed question's answers."""
    responses = list(counted_responses(page).select_related("ngo"))
    by_channel = Counter(response.channel for response in responses)
    # Only organisations staff confirmed count as organisations: a name typed there and
    # never checked may be a resident's own.
    organisations = {r.public_submitter for r in responses} - {PRIVATE_PERSON}
    comments = ConsultationComment.objects.filter(response__consultation=page).counted()
    comments_by_channel = Counter(comments.values_list("response__channel", flat=True))
    return {
        "responses": len(responses),
        "organisations": len(organisations),
        "comments": sum(comments_by_channel.values()),
        "channels": [
            {
                "label": label,
                "responses": by_channel.get(value, 0),
                "comments": comments_by_channel.get(value, 0),
            }
            for value, label in Channel.choices
        ],
        "charts": closed_question_counts(page, responses),
    }


def closed_question_counts(page, responses) -> list[dict]:
    """For each closed question now in the questionnaire: its answers' counts, in the
    order of its choices (answers are keyed by the block's and the choices' ids)."""
    charts = []
    for child in page.questionnaire:
        if child.block_type not in CLOSED_KINDS:
            continue
        value = child.value
        if child.block_type == "scale":
            options = [(n, str(n)) for n in range(value["minimum"], value["maximum"] + 1)]
        else:
            options = [(item.id, item.value) for item in value["choices"].bound_blocks]
        counts, answered = Counter(), 0
        for response in responses:
            entry = (response.answers or {}).get(child.id)
            if not entry:
                continue
            answered += 1
            chosen = entry["value"] if isinstance(entry["value"], list) else [entry["value"]]
            counts.update(chosen)
        charts.append(
            {
                "id": child.id,
                "title": value["question"],
                "counts": [[label, counts.get(key, 0)] for key, label in options],
                "answered": answered,
            }
        )
    return charts


def table_rows(page) -> list[dict]:
    """Every comment counted, numbered, with the city's position and its reason."""
    comments = (
        ConsultationComment.objects.filter(response__consultation=page)
        .counted()
        .select_related("response__ngo", "group")
    )
    return [
        {
            "number": str(n),
            "submitter": comment.response.public_submitter,
            "channel": comment.response.get_channel_display(),
            "document_part": comment.document_part,
            "comment": comment.text,
            "position": comment.effective_position,
            "reason": comment.effective_reason,
        }
        for n, comment in enumerate(comments, start=1)
    ]


def refusal(page) -> str | None:
    """Why the report cannot be generated yet (in Polish), or None."""
    state = page.get_state()
    if state not in (CONSULTATION.CLOSED, CONSULTATION.CONCLUDED):
        return "Raport można przygotować dopiero po zakończeniu zbierania uwag."
    missing = (
        ConsultationComment.objects.filter(response__consultation=page)
        .counted()
        .without_position()
        .count()
    )
    if missing:
        return (
            "Najpierw zajmij stanowisko wobec wszystkich uwag (bez stanowiska: "
            f"{pluralize_pl(missing, 'uwaga', 'uwagi', 'uwag')})."
        )
    return None


def introduction(page, stats: dict) -> str:
    """The report's opening paragraphs (rich text), editable afterwards."""
    opens = official_date(page.opens_at)
    closes = official_date(last_day(page.closes_at))
    channels = ", ".join(
        f"{item['label'].lower()}: {item['responses']}"
        for item in stats["channels"]
        if item["responses"]
    )
    received = pluralize_pl(stats["responses"], "zgłoszenie", "zgłoszenia", "zgłoszeń")
    comments = pluralize_pl(stats["comments"], "uwagę", "uwagi", "uwag")
    return format_html(
        "<p>Konsultacje dotyczyły: {}. Trwały od {} do {}</p>"
        "<p>Wpłynęło {}{}, zawierających łącznie {}.</p>",
        page.subject,
        opens,
        closes,
        received,
        f" ({channels})" if channels else "",
        comments,
    )


def generate(page, user):
    """A new draft of PAGE with the report's table, numbers and (if empty) introduction.

    Raises ValidationError (Polish) when the analysis is not finished."""
    reason = refusal(page)
    if reason:
        raise ValidationError(reason)
    draft = page.get_latest_revision_as_object()
    stats = figures(page)
    draft.report_statistics = stats
    draft.report_table = [("row", row) for row in table_rows(page)]
    if not (draft.report_summary or "").strip():
        draft.report_summary = introduction(page, stats)
    if draft.report_date is None:
        draft.report_date = timezone.localdate()
    return draft.save_revision(user=user, log_action=True)
