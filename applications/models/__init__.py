from .appeals import Appeal
from .applications import Application, ApplicationEvent, Consultation, FeeNotice

__all__ = ["Appeal", "Application", "ApplicationEvent", "Consultation", "FeeNotice"]
