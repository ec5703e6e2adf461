from .agreement import Milestone
from .application import Initiative
from .index import InitiativeIndexPage
from .parts import Attachment, ConflictDeclaration, GroupMember, Score, StatusChange
from .report import FinalReport, ReportPhoto
from .rules import AllowedArea, ApplicationWindow, Criterion, InitiativeRulesPage

__all__ = [
    "AllowedArea",
    "ApplicationWindow",
    "Attachment",
    "ConflictDeclaration",
    "Criterion",
    "FinalReport",
    "GroupMember",
    "Initiative",
    "InitiativeIndexPage",
    "InitiativeRulesPage",
    "Milestone",
    "ReportPhoto",
    "Score",
    "StatusChange",
]
