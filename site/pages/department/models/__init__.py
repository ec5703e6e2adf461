from .accessibility_statement import AccessibilityStatementPage, AccessibilityStatementUpdate
from .contact import ContactPage
from .department import DepartmentLeader, DepartmentPage
from .home import HomePage
from .privacy_policy import PrivacyPolicyPage
from .standard import StandardPage
from .team import TeamMembership, TeamPage

__all__ = [
    "AccessibilityStatementPage",
    "AccessibilityStatementUpdate",
    "ContactPage",
    "DepartmentLeader",
    "DepartmentPage",
    "HomePage",
    "PrivacyPolicyPage",
    "StandardPage",
    "TeamMembership",
    "TeamPage",
]
