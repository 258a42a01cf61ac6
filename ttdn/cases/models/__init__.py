from ttdn.cases.models.access import AccessLog, CaseGroupObjectPermission, CaseUserObjectPermission
from ttdn.cases.models.attachment import Attachment
from ttdn.cases.models.calendar import CalendarDay, Timer
from ttdn.cases.models.case import Case, ReferenceCounter
from ttdn.cases.models.event import CaseEvent
from ttdn.cases.models.followup import FollowUp, PostVisitReport
from ttdn.cases.models.hosts import CaseHost
from ttdn.cases.models.parties import Organisation, Participant, Person, normalise_passport_number
from ttdn.cases.models.programme import ProgrammeItem
from ttdn.cases.models.retention import RetentionPeriod
from ttdn.cases.models.review import Review, ReviewQuestion, ReviewWaiver, SecrecyMark

__all__ = [
    "AccessLog",
    "Attachment",
    "CalendarDay",
    "Case",
    "CaseEvent",
    "CaseGroupObjectPermission",
    "CaseHost",
    "CaseUserObjectPermission",
    "FollowUp",
    "Organisation",
    "Participant",
    "Person",
    "PostVisitReport",
    "ProgrammeItem",
    "ReferenceCounter",
    "RetentionPeriod",
    "Review",
    "ReviewQuestion",
    "ReviewWaiver",
    "SecrecyMark",
    "Timer",
    "normalise_passport_number",
]
