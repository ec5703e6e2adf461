from .area import PublicBenefitArea
from .district import District
from .grant_call import GrantAward, GrantCall, GrantCallDocument
from .ngo import NGO, LegalForm
from .person import Person
from .small_grant_offer import SmallGrantOffer

__all__ = [
    "NGO",
    "District",
    "GrantAward",
    "GrantCall",
    "GrantCallDocument",
    "LegalForm",
    "Person",
    "PublicBenefitArea",
    "SmallGrantOffer",
]
