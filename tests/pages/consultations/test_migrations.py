"""Migration 0003 both ways with responses stored: reversing keeps every response and its
comment, and applying it again makes exactly one comment to answer per response."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

from pages.consultations.comments import record_comments
from pages.consultations.models import ConsultationComment, ConsultationResponse
from tests.factories.consultations import ConsultationPageFactory, ConsultationResponseFactory

BEFORE = ("consultations", "0002_closing_at_2359_means_end_of_day")
ANALYSIS = ("consultations", "0003_questionnaire_channels_analysis")


def migrate_to(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_0003_reverses_and_reapplies_without_losing_responses(consultation_index):
    consultation = ConsultationPageFactory(parent=consultation_index)
    first = ConsultationResponseFactory(consultation=consultation, comment="Dłuższy termin.")
    second = ConsultationResponseFactory(
        consultation=consultation, comment="Więcej zieleni.", document_part="§ 3 ust. 2"
    )
    for response in (first, second):
        record_comments(response)
    commented = ConsultationComment.objects.get(response=first)
    commented.position, commented.reason = "accepted", "Wydłużono."
    commented.save()
    commented.topics.add("termin")  # a topic row: the reverse must drop it with the comment
    commented.save()
    try:
        old_apps = migrate_to(BEFORE)
        old_responses = old_apps.get_model("consultations", "ConsultationResponse")
        kept = dict(old_responses.objects.values_list("pk", "comment"))
        assert kept == {first.pk: "Dłuższy termin.", second.pk: "Więcej zieleni."}
        new_apps = migrate_to(ANALYSIS)
        comments = new_apps.get_model("consultations", "ConsultationComment").objects
        made = sorted(comments.values_list("response_id", "document_part", "text", "position"))
        assert made == [
            (first.pk, "§ 1", "Dłuższy termin.", ""),
            (second.pk, "§ 3 ust. 2", "Więcej zieleni.", ""),
        ]
        channels = new_apps.get_model("consultations", "ConsultationResponse").objects
        assert set(channels.values_list("channel", flat=True)) == {"online"}
    finally:
        leaf = MigrationExecutor(connection).loader.graph.leaf_nodes("consultations")[0]
        migrate_to(leaf)
    assert ConsultationResponse.objects.count() == 2
