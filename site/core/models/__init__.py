from .audit import PersonalDataAccess
from .base_page import BasePage
from .document_template import DocumentTemplate
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
    "DocumentTemplate",
    "PersonalDataAccess",
    "PrivacySettings",
    "SiteContactSettings",
    "Submission",
    "WorkerHeartbeat",
]
