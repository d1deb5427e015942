from .appeals import Appeal
from .applications import ApplicantType, Application, ApplicationEvent, Channel, Consultation, FeeNotice, LetterCounter
from .corrections import CorrectionFile, CorrectionReply
from .notices import Notice
from .reminders import ReminderLog

__all__ = [
    "Appeal",
    "ApplicantType",
    "Application",
    "ApplicationEvent",
    "Channel",
    "Consultation",
    "CorrectionFile",
    "CorrectionReply",
    "FeeNotice",
    "LetterCounter",
    "Notice",
    "ReminderLog",
]
