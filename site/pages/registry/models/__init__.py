from .grant_call_index import GrantCallIndexPage
from .ngo_directory import NGODirectoryPage
from .ngo_import_job import NGOImportJob
from .offer_comment import OfferComment

__all__ = ["GrantCallIndexPage", "NGODirectoryPage", "NGOImportJob", "OfferComment"]
