"""Which of the registers' documents anyone may read: the register's pages and open data
link a document only outside private collections, as the API does (api.visibility)."""

from api.visibility import private_collection_ids


def public_document(document):
    """DOCUMENT when anyone may read it, None when it is missing or lies in a private
    collection (or beneath one)."""
    if document is None or document.collection_id in private_collection_ids():
        return None
    return document


def with_public_documents(resolutions):
    """RESOLUTIONS, each with `public_document`: its document, or None when it lies in a
    private collection (the register's pages link only what anyone may read). The
    private collections are read once, whatever the number of entries."""
    resolutions = list(resolutions)
    private = private_collection_ids() if any(r.document_id for r in resolutions) else set()
    for resolution in resolutions:
        document = resolution.document
        public = document is not None and document.collection_id not in private
        resolution.public_document = document if public else None
    return resolutions
