from .edition import BudgetEditionPage, BudgetKind
from .index import BudgetIndexPage
from .parts import Appeal, CostLine, ProjectAttachment, Stage, StatusChange, Supporter
from .pool import BudgetPool
from .project import APPEALABLE, EDITABLE, BudgetProject, Category, Status

__all__ = [
    "APPEALABLE",
    "EDITABLE",
    "Appeal",
    "BudgetEditionPage",
    "BudgetIndexPage",
    "BudgetKind",
    "BudgetPool",
    "BudgetProject",
    "Category",
    "CostLine",
    "ProjectAttachment",
    "Stage",
    "Status",
    "StatusChange",
    "Supporter",
]
