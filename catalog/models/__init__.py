from .calendar import CalendarDay, CalendarYear
from .items import Attachment, Item
from .organizations import Membership, Organization
from .taxonomy import Category, DocumentType, Topic

__all__ = [
    "Attachment",
    "CalendarDay",
    "CalendarYear",
    "Category",
    "DocumentType",
    "Item",
    "Membership",
    "Organization",
    "Topic",
]
