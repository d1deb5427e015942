from django.template.loader import render_to_string

from ..context import document_context
from ..models import AnnualReport


def render_document(report: AnnualReport, figures: dict, for_pdf: bool = False) -> str:
    """The whole report as one standalone HTML document (the print view and the PDF's source)."""
    context = document_context(report, figures) | {"for_pdf": for_pdf}
    return render_to_string("annual_reports/document.html", context)
