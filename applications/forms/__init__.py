from .citizen import ApplyForm, CorrectionForm, LookupForm, OrganizationPickForm
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
    WithdrawForm,
)

__all__ = [
    "ApplyForm",
    "ConfirmForm",
    "ConsultForm",
    "CorrectionForm",
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
    "WithdrawForm",
]
