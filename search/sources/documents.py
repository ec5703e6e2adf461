"""Wagtail documents, with the text inside their files."""

from wagtail.documents import get_document_model

from search.extraction import extract_document_text
from search.models import SearchEntry
from search.sources.base import SearchDocument, SearchSource, register
from search.sources.privacy import CollectionPrivacy


@register
class DocumentSource(SearchSource):
    kind = "document"
    batch_size = 50

    @property
    def model(self):
        return get_document_model()

    def handles(self, model):
        return issubclass(model, get_document_model())

    def get_queryset(self):
        return self.model.objects.select_related("collection").prefetch_related("tags")

    def prepare_batch(self, objects):
        privacy = CollectionPrivacy()
        ids = [str(obj.pk) for obj in objects]
        known = {
            entry.object_id: entry
            for entry in SearchEntry.objects.filter(kind="document", object_id__in=ids).only(
                "object_id", "source_hash", "body", "extraction_error"
            )
        }
        for obj in objects:
            obj._search_privacy = privacy
            obj._search_known = known.get(str(obj.pk))
        return objects

    def to_document(self, document):
        privacy = getattr(document, "_search_privacy", None) or CollectionPrivacy()
        visibility = privacy.visibility(document.collection)
        if visibility is None:
            return None
        if not hasattr(document, "_search_known"):
            self.prepare_batch([document])
        known = document._search_known
        file_hash = document.file_hash or ""
        if known is not None and file_hash and known.source_hash == file_hash:
            # Same file as last time (only the title or tags changed): no need to read it.
            text, error = known.body, known.extraction_error
        else:
            extracted = extract_document_text(document)
            text, error = extracted.text, extracted.error
        tags = " ".join(tag.name for tag in document.tags.all())
        return SearchDocument(
            title=document.title,
            url=document.url,
            date=document.created_at,
            summary=tags,
            body=text,
            identifiers=[document.filename],
            visibility=visibility,
            source_hash=file_hash,
            extraction_error=error,
        )
