from .application import Initiative
from .index import InitiativeIndexPage
from .parts import Attachment, ConflictDeclaration, GroupMember, Score, StatusChange
from .rules import AllowedArea, ApplicationWindow, Criterion, InitiativeRulesPage

__all__ = [
    "AllowedArea",
    "ApplicationWindow",
    "Attachment",
    "ConflictDeclaration",
    "Criterion",
    "GroupMember",
    "Initiative",
    "InitiativeIndexPage",
    "InitiativeRulesPage",
    "Score",
    "StatusChange",
]
