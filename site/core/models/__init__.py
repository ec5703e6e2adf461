from .base_page import BasePage
from .settings import DeadlineSettings, PrivacySettings, SiteContactSettings
from .submissions import Submission
from .worker import WorkerHeartbeat

__all__ = [
    "BasePage",
    "DeadlineSettings",
    "PrivacySettings",
    "SiteContactSettings",
    "Submission",
    "WorkerHeartbeat",
]
