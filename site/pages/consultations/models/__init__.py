from .analysis import CommentGroup, CommentTopic, ConsultationComment, Position
from .announcement import AnnouncementPage, AnnouncementPageTag
from .announcement_index import AnnouncementIndexPage
from .consultation import Audience, ConsultationPage
from .consultation_index import ConsultationIndexPage
from .meeting import ConsultationMeeting
from .response import Channel, ConsultationResponse

__all__ = [
    "AnnouncementIndexPage",
    "AnnouncementPage",
    "AnnouncementPageTag",
    "Audience",
    "Channel",
    "CommentGroup",
    "CommentTopic",
    "ConsultationComment",
    "ConsultationIndexPage",
    "ConsultationMeeting",
    "ConsultationPage",
    "ConsultationResponse",
    "Position",
]
