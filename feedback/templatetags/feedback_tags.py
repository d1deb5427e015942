from django import template
from django.urls import reverse

from ..models import Message

register = template.Library()


@register.inclusion_tag("feedback/admin/waiting.html", takes_context=True)
def feedback_waiting(context) -> dict:
    """The admin home's reminder: letters of the user's organizations awaiting an answer, and the overdue ones."""
    user = context["request"].user
    mine = Message.objects.for_staff(user)
    changelist = reverse("admin:feedback_message_changelist")
    return {
        "waiting": mine.waiting().count(),
        "overdue": mine.overdue().count(),
        "waiting_url": f"{changelist}?state=waiting",
        "overdue_url": f"{changelist}?state=overdue",
    }
