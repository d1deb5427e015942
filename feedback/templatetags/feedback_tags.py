from django import template
from django.urls import reverse
from django.utils import timezone

from ..models import Message

register = template.Library()

# The admin home lists this many of the oldest waiting letters; the list filter shows the rest.
OLDEST_SHOWN = 10


@register.inclusion_tag("feedback/admin/waiting.html", takes_context=True)
def feedback_waiting(context) -> dict:
    """The admin home's reminder: letters of the user's organizations awaiting an answer, the oldest listed with
    their age and the day three months after arrival (an inspection fails a site past it), and the overdue count."""
    user, today = context["request"].user, timezone.localdate()
    mine = Message.objects.for_staff(user)
    changelist = reverse("admin:feedback_message_changelist")
    oldest = mine.waiting().order_by("received_on", "pk")[:OLDEST_SHOWN]
    return {
        "oldest": [
            {
                "letter": letter,
                "age": letter.age_days(today),
                "due": letter.answer_due_on(),
                "left": letter.days_left(today),
            }
            for letter in oldest
        ],
        "waiting": mine.waiting().count(),
        "overdue": mine.overdue().count(),
        "waiting_url": f"{changelist}?state=waiting",
        "overdue_url": f"{changelist}?state=overdue",
    }
