"""Attachment text extraction: once, at upload, with maintained readers."""

import io
import logging
from pathlib import PurePath

from catalog.models import Attachment

logger = logging.getLogger(__name__)

# A 50-page PDF holds some 100,000 characters; more than this is not a document to index whole.
MAX_CHARS = 2_000_000


def _pdf(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def _docx(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(paragraphs + cells)


def _xlsx(data: bytes) -> str:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines = []
    for sheet in workbook.worksheets:
        lines.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            lines.append("\t".join(str(value) for value in row if value is not None))
    workbook.close()
    return "\n".join(lines)


READERS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx}


def extract_text(name: str, data: bytes) -> str:
    """The text of a PDF, Word (.docx) or Excel (.xlsx) file; empty for other kinds or unreadable files."""
    reader = READERS.get(PurePath(name).suffix.lower().lstrip("."))
    if reader is None:
        return ""
    try:
        return reader(data)[:MAX_CHARS]
    except Exception:  # a damaged upload must not break saving it; the reason goes to the log
        logger.warning("could not extract text from attachment %s", PurePath(name).suffix, exc_info=True)
        return ""


def extract_attachment(attachment: Attachment) -> str:
    """Extract and store the text of an attachment that has none yet; returns the text."""
    if attachment.extracted_text or not attachment.file:
        return attachment.extracted_text
    with attachment.file.open("rb") as handle:
        data = handle.read()
    found = extract_text(attachment.original_name or attachment.file.name, data).replace("\x00", "")
    if found:
        Attachment.objects.filter(pk=attachment.pk).update(extracted_text=found)
        attachment.extracted_text = found
    return found
