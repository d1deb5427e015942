"""Reply letters generated from a template (a PDF), for staff who do not upload their own."""

from datetime import date

from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from ..choices import ReplyType
from ..models import Application
from ..outcomes import Outcome


def generate_reply_letter(application: Application, *, on: date, outcome: str, reply_type: str, body: str):
    """Render templates/applications/letters/reply.html to a PDF file ready to attach."""
    import weasyprint  # imported here: loading it costs a second and only this path needs it

    html = render_to_string(
        "applications/letters/reply.html",
        {
            "application": application,
            "on": on,
            "outcome": Outcome(outcome),
            "reply_type": ReplyType(reply_type).label if reply_type in ReplyType.values else "",
            "body": body,
        },
    )
    pdf = weasyprint.HTML(string=html).write_pdf()
    return ContentFile(pdf, name=f"{application.number}-reply.pdf")
