from .audit import PersonalDataAccess
from .base_page import BasePage
from .clock_mark import ClockMark
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
    "ClockMark",
    "DeadlineSettings",
    "DocumentTemplate",
    "PersonalDataAccess",
    "PrivacySettings",
    "SiteContactSettings",
    "Submission",
    "WorkerHeartbeat",
]
