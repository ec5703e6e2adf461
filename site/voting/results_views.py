"""The published results: a page per edition, a protocol per pool, open data. Every
view answers 404 until an editor publishes the results (nothing hints at a count)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from core.generated_documents import document_response
from pages.budget.models import BudgetEditionPage, PoolConsensus
from voting import open_data
from voting.models import EditionVoting, PoolResult
from voting.protocol import protocol_document


def published_voting(edition_id: int) -> EditionVoting:
    edition = get_object_or_404(BudgetEditionPage.objects.live(), pk=edition_id)
    voting = EditionVoting.objects.filter(
        edition=edition, results_published_at__isnull=False
    ).first()
    if voting is None:
        raise Http404
    return voting


def results_page(request, edition_id: int):
    voting = published_voting(edition_id)
    results = list(
        voting.pool_results.without_snapshot()
        .select_related("pool")
        .prefetch_related("rows__project")
    )
    records = PoolConsensus.objects.shown_by_pool([result.pool for result in results])
    for result in results:
        result.consensus = records.get(result.pool_id)
    context = {"voting": voting, "edition": voting.edition, "results": results}
    return TemplateResponse(request, "voting/results.html", context)


def protocol_page(request, edition_id: int, pool_slug: str):
    voting = published_voting(edition_id)
    result = get_object_or_404(
        PoolResult.objects.without_snapshot()
        .select_related("pool")
        .prefetch_related("rows__project"),
        edition_voting=voting,
        pool__slug=pool_slug,
    )
    result.consensus = PoolConsensus.objects.shown_by_pool([result.pool]).get(result.pool_id)
    context = {"voting": voting, "edition": voting.edition, "result": result}
    return TemplateResponse(request, "voting/protocol.html", context)


def protocol_pdf(request, edition_id: int, pool_slug: str):
    voting = published_voting(edition_id)
    result = get_object_or_404(
        PoolResult.objects.without_snapshot().select_related("pool"),
        edition_voting=voting,
        pool__slug=pool_slug,
    )
    result.consensus = PoolConsensus.objects.shown_by_pool([result.pool]).get(result.pool_id)
    return document_response(protocol_document(voting, result), "pdf")


def results_csv(request, edition_id: int):
    return open_data.csv_response(published_voting(edition_id))


def results_json(request, edition_id: int):
    return open_data.json_response(published_voting(edition_id))


def results_pabulib(request, edition_id: int, pool_slug: str):
    voting = published_voting(edition_id)
    # The one view that reads the snapshot: the `.pb` file is made of it.
    result = get_object_or_404(
        PoolResult.objects.select_related("pool"), edition_voting=voting, pool__slug=pool_slug
    )
    response = HttpResponse(
        open_data.pabulib(voting, result), content_type="text/plain; charset=utf-8"
    )
    filename = f"{voting.edition.slug}-{pool_slug}.pb"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
