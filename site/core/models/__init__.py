from .base_page import BasePage
from .settings import PrivacySettings, SiteContactSettings
from .submissions import Submission
from .worker import WorkerHeartbeat

__all__ = ["BasePage", "PrivacySettings", "SiteContactSettings", "Submission", "WorkerHeartbeat"]
