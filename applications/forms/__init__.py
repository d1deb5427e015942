from .citizen import ApplyForm, LookupForm, OrganizationPickForm
from .staff import (
    ConfirmForm,
    ConsultForm,
    CorrectionRequestForm,
    DayForm,
    ExtendForm,
    FeeForm,
    LedgerUploadForm,
    OfflineApplicationForm,
    OpinionForm,
    ReplyForm,
)

__all__ = [
    "ApplyForm",
    "ConfirmForm",
    "ConsultForm",
    "CorrectionRequestForm",
    "DayForm",
    "ExtendForm",
    "FeeForm",
    "LedgerUploadForm",
    "LookupForm",
    "OfflineApplicationForm",
    "OpinionForm",
    "OrganizationPickForm",
    "ReplyForm",
]
