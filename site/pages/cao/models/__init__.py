from .advisory_service import AdvisoryServicePage, DutyHours, ServiceDate, ServiceGuideLink
from .advisory_service_index import AdvisoryServiceIndexPage
from .booking import BookingRequest
from .certificate import TrainingCertificate
from .event import EventPage, RegistrationStatus
from .event_index import EventIndexPage
from .event_registration import EventRegistration
from .guidance import GuidancePage, GuidanceServiceLink
from .guidance_index import GuidanceIndexPage

__all__ = [
    "AdvisoryServiceIndexPage",
    "AdvisoryServicePage",
    "BookingRequest",
    "DutyHours",
    "EventIndexPage",
    "EventPage",
    "EventRegistration",
    "GuidanceIndexPage",
    "GuidancePage",
    "GuidanceServiceLink",
    "RegistrationStatus",
    "ServiceDate",
    "ServiceGuideLink",
    "TrainingCertificate",
]
