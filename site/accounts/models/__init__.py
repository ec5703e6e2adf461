from .ngo_partner import NGOChangeRequest, NGOPartnerProfile
from .section import SectionPage

__all__ = ["NGOChangeRequest", "NGOPartnerProfile", "SectionPage"]
