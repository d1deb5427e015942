from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..context import document_context
from ..models import AnnualReport

STYLESHEET = "css/annual_reports.css"


def render_document(report: AnnualReport, figures: dict, for_pdf: bool = False, standalone: bool = False) -> str:
    """The whole report as one HTML document: the print view (linked stylesheet), the PDF's source, or,
    `standalone`, the HTML file people download, with its styles inside so it keeps its borders offline."""
    context = document_context(report, figures) | {"for_pdf": for_pdf}
    if standalone:
        with open(finders.find(STYLESHEET), encoding="utf-8") as stylesheet:
            context["embedded_css"] = mark_safe(stylesheet.read().replace("</", "<\\/"))
    return render_to_string("annual_reports/document.html", context)
