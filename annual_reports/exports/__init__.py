"""A report in every format staff and the public download: PDF, Word, Excel, JSON, a standalone HTML file."""

import json
from dataclasses import dataclass

from ..figures import figures as report_figures
from ..figures import report_json
from ..models import AnnualReport

FORMATS = ("pdf", "docx", "xlsx", "json", "html")
STORED_FORMATS = FORMATS  # every format of a published report is rendered once, at publication
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
}


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str


def filename(report: AnnualReport, fmt: str) -> str:
    version = f"（第{report.version}版）" if report.version > 1 else ""
    return f"{report.title}{version}.{fmt}"


def export(report: AnnualReport, fmt: str, figures: dict | None = None) -> Export:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    figures = figures or report_figures(report)
    return Export(_render(report, fmt, figures), CONTENT_TYPES[fmt], filename(report, fmt))


def _render(report: AnnualReport, fmt: str, figures: dict) -> bytes:
    if fmt == "json":
        return json.dumps(report_json(report, figures), ensure_ascii=False, indent=2).encode()
    if fmt == "html":
        from .html import render_document

        return render_document(report, figures, standalone=True).encode()
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(report, figures)
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(report, figures)
    from .xlsx import render_xlsx

    return render_xlsx(report, figures)
