from .announcement import AnnouncementPage, AnnouncementPageTag
from .announcement_index import AnnouncementIndexPage
from .consultation import Audience, ConsultationMeeting, ConsultationPage
from .consultation_index import ConsultationIndexPage
from .response import ConsultationResponse

__all__ = [
    "AnnouncementIndexPage",
    "AnnouncementPage",
    "AnnouncementPageTag",
    "Audience",
    "ConsultationIndexPage",
    "ConsultationMeeting",
    "ConsultationPage",
    "ConsultationResponse",
]
