from .calendar import CalendarDay, CalendarYear
from .guide import GuideEdition
from .items import Attachment, IndexCounter, Item
from .organizations import Membership, Organization
from .taxonomy import Category, DocumentType, Topic

__all__ = [
    "Attachment",
    "CalendarDay",
    "CalendarYear",
    "Category",
    "DocumentType",
    "GuideEdition",
    "IndexCounter",
    "Item",
    "Membership",
    "Organization",
    "Topic",
]
