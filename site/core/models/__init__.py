from .audit import PersonalDataAccess
from .base_page import BasePage
from .settings import (
    BuildingAccessibilitySettings,
    DeadlineSettings,
    PrivacySettings,
    SiteContactSettings,
)
from .submissions import Submission
from .worker import WorkerHeartbeat

__all__ = [
    "BasePage",
    "BuildingAccessibilitySettings",
    "DeadlineSettings",
    "PersonalDataAccess",
    "PrivacySettings",
    "SiteContactSettings",
    "Submission",
    "WorkerHeartbeat",
]
