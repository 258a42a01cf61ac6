from ttdn.cases.models.access import AccessLog, CaseGroupObjectPermission, CaseUserObjectPermission
from ttdn.cases.models.attachment import Attachment
from ttdn.cases.models.case import Case, ReferenceCounter
from ttdn.cases.models.parties import Organisation, Participant, Person, normalise_passport_number
from ttdn.cases.models.programme import ProgrammeItem

__all__ = [
    "AccessLog",
    "Attachment",
    "Case",
    "CaseGroupObjectPermission",
    "CaseUserObjectPermission",
    "Organisation",
    "Participant",
    "Person",
    "ProgrammeItem",
    "ReferenceCounter",
    "normalise_passport_number",
]
