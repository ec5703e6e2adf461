from .base_page import BasePage
from .settings import BuildingAccessibilitySettings, PrivacySettings, SiteContactSettings
from .submissions import Submission

__all__ = [
    "BasePage",
    "BuildingAccessibilitySettings",
    "PrivacySettings",
    "SiteContactSettings",
    "Submission",
]
