from .appeals import Appeal
from .applications import ApplicantType, Application, ApplicationEvent, Channel, Consultation, FeeNotice
from .reminders import ReminderLog

__all__ = [
    "Appeal",
    "ApplicantType",
    "Application",
    "ApplicationEvent",
    "Channel",
    "Consultation",
    "FeeNotice",
    "ReminderLog",
]
