from .consensus import ConsensusOutcome, PoolConsensus
from .edition import BudgetEditionPage, BudgetKind
from .idea import BudgetIdea, IdeaKind, Moderation
from .implementation import Implementation, ImplementationUpdate, Progress
from .index import BudgetIndexPage
from .parts import (
    Appeal,
    CostLine,
    ProjectAttachment,
    ProjectPublicFile,
    Stage,
    StatusChange,
    Supporter,
)
from .pool import BudgetPool
from .project import APPEALABLE, EDITABLE, BudgetProject, Category, Status
from .review import CityUnit, Feasibility, MeritOpinion

__all__ = [
    "APPEALABLE",
    "EDITABLE",
    "Appeal",
    "BudgetEditionPage",
    "BudgetIdea",
    "BudgetIndexPage",
    "BudgetKind",
    "BudgetPool",
    "BudgetProject",
    "Category",
    "CityUnit",
    "ConsensusOutcome",
    "CostLine",
    "Feasibility",
    "IdeaKind",
    "Implementation",
    "ImplementationUpdate",
    "MeritOpinion",
    "Moderation",
    "PoolConsensus",
    "Progress",
    "ProjectAttachment",
    "ProjectPublicFile",
    "Stage",
    "Status",
    "StatusChange",
    "Supporter",
]
