from .contact import ContactPage
from .department import DepartmentLeader, DepartmentPage
from .home import HomePage
from .standard import StandardPage
from .team import TeamMembership, TeamPage

__all__ = [
    "ContactPage",
    "DepartmentLeader",
    "DepartmentPage",
    "HomePage",
    "StandardPage",
    "TeamMembership",
    "TeamPage",
]
