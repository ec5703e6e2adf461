"""What a record's page (an organisation, a grant call) needs of its published record
outside the page's shared parts: whether it exists (404) and its title and description
for the head. The rest of the record is read only when a shared part renders
(core.shared_fragments.deferred), so a page whose parts come from the cache reads none of
it.

The summary is shared between requests (core.cache_tags.fragment) under the tags of the
record's model and of the models it shows ("all" too): a record saved, published or
deleted bumps its model's tag, an unpublish (by hand or by its expiry date) bumps "all",
and the NGO import bumps "all" at its end (core.page_cache_signals). `published()` of these
records is `live=True`, so the summary does not change by the clock. It holds published
records only, and where the page's own parts may not be shared (a preview, a restricted
or unpublished page, a POST) it is read afresh and not stored.
"""

from core import cache_tags, shared_fragments


def record_summary(request, page, model, slug: str, compute, shows=()):
    """COMPUTE()'s value for the published record SLUG of MODEL shown by PAGE, shared until
    a record of MODEL or of the models SHOWS changes. COMPUTE raises Http404 when there is
    no such record: nothing is stored then (made-up addresses fill no cache)."""
    if not shared_fragments.shareable(request, page):
        return compute()
    tags = [cache_tags.model_tag(model), *(cache_tags.model_tag(other) for other in shows)]
    return cache_tags.fragment(f"record:{model._meta.label_lower}:{slug}", compute, tags=tags)
