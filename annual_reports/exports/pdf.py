"""PDF through WeasyPrint: real text, Noto CJK (Debian's fonts-noto-cjk) embedded, tables kept whole."""

from pathlib import Path

from ..models import AnnualReport
from .html import render_document

STYLESHEET = Path(__file__).with_name("pdf.css")


def render_pdf(report: AnnualReport, figures: dict) -> bytes:
    from weasyprint import CSS, HTML

    html = render_document(report, figures, for_pdf=True)
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
