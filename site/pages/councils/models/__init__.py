from .application import CouncilApplication
from .council import COUNCIL_CACHE_LISTS, CouncilIndexPage, CouncilPage
from .opinion_request import OpinionRequest
from .osiedle import OsiedleIndexPage, OsiedlePage
from .recruitment import Recruitment
from .resolution import Resolution
from .term import CouncilTerm, Membership

__all__ = [
    "COUNCIL_CACHE_LISTS",
    "CouncilApplication",
    "CouncilIndexPage",
    "CouncilPage",
    "CouncilTerm",
    "Membership",
    "OpinionRequest",
    "OsiedleIndexPage",
    "OsiedlePage",
    "Recruitment",
    "Resolution",
]
