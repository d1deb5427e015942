"""Reply letters (答复书): their 文号, and the letter generated from a template for staff who do not upload one.

The letter addresses 您 or 贵单位 by applicant type, states the outcome once in the words that follow from it
(with the reasons), and names the 复议机关 and the court from the organization's settings.
"""

from datetime import date

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from catalog.models import Organization

from ..choices import LETTER_SENTENCES, MUST_SAY_WHERE
from ..models import Application, LetterCounter
from ..outcomes import Outcome


def next_letter_number(organization: Organization, year: int) -> str:
    """The next 文号 of the organization's reply letters that year, from a counter row locked until commit."""
    LetterCounter.objects.get_or_create(organization=organization, year=year)
    counter = LetterCounter.objects.select_for_update().get(organization=organization, year=year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return organization.reply_number(year, counter.last_serial)


def preview_letter_number(organization: Organization, year: int) -> str:
    """The 文号 the next reply would get (shown in the preview; the reply itself takes it under a lock)."""
    last = LetterCounter.objects.filter(organization=organization, year=year).values_list("last_serial", flat=True)
    return organization.reply_number(year, (last.first() or 0) + 1)


def letter_context(application: Application, *, on: date, body: str = "") -> dict:
    return {
        "application": application,
        "organization": application.organization,
        "on": on,
        "outcome": Outcome(application.outcome),
        "reply_sentence": LETTER_SENTENCES.get(application.reply_type, ""),
        "reason": application.reply_reason,
        "reason_heading": MUST_SAY_WHERE.get(application.reply_type, _("理由和依据")),
        "body": body,
        "you": application.addressee,
    }


def render_letter_body(application: Application, *, on: date, body: str = "") -> str:
    """The letter as an HTML fragment: the PDF's content, and the preview staff read before replying."""
    return render_to_string("applications/letters/_reply_body.html", letter_context(application, on=on, body=body))


def refuse_fetching(url: str, *args, **kwargs):
    """Letters need nothing from outside: an address in applicant-typed text is never fetched."""
    raise ValueError(f"not fetched: {url[:80]}")


def generate_reply_letter(application: Application, *, on: date, body: str = "") -> ContentFile:
    """Render the letter to a PDF file ready to attach (the application's outcome and 文号 already set)."""
    import weasyprint  # imported here: loading it costs a second and only this path needs it

    html = render_to_string(
        "applications/letters/reply.html", {"content": render_letter_body(application, on=on, body=body)}
    )
    pdf = weasyprint.HTML(string=html, url_fetcher=refuse_fetching).write_pdf()
    return ContentFile(pdf, name=f"{application.number}-reply.pdf")
