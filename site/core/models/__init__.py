from .audit import PersonalDataAccess
from .base_page import BasePage
from .settings import PrivacySettings, SiteContactSettings
from .submissions import Submission

__all__ = ["BasePage", "PersonalDataAccess", "PrivacySettings", "SiteContactSettings", "Submission"]
