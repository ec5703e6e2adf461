from .base_page import BasePage
from .settings import DeadlineSettings, PrivacySettings, SiteContactSettings
from .submissions import Submission

__all__ = ["BasePage", "DeadlineSettings", "PrivacySettings", "SiteContactSettings", "Submission"]
