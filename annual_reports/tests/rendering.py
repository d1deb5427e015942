"""Helpers for tests that look at rendered pages: LibreOffice conversion, text lines with positions, page images."""

import os
import shutil
import subprocess
import tempfile
import uuid
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings

FONTS_CONF = Path(__file__).with_name("fonts.conf")
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", settings.BASE_DIR / "test-artifacts" / "screenshots"))


def libreoffice_pdf(content: bytes, suffix: str) -> bytes:
    """The file converted to PDF by headless LibreOffice, with its own profile (tests run in parallel)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) not found; run scripts/system-deps.sh")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"report.{suffix}"
        source.write_bytes(content)
        profile = Path(folder) / f"profile-{uuid.uuid4().hex}"
        environment = os.environ | {"FONTCONFIG_FILE": str(FONTS_CONF)}
        command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf"]
        subprocess.run(
            [*command, "--outdir", folder, str(source)], check=True, capture_output=True, timeout=180, env=environment
        )
        return (Path(folder) / "report.pdf").read_bytes()


def text_lines(pdf: bytes) -> list[list[tuple[str, float, float]]]:
    """Per page, every line of text as (text, left x, top y from the page top), found by pdfminer."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

    pages = []
    for page in extract_pages(BytesIO(pdf), laparams=LAParams(char_margin=0.5, line_margin=0.2)):
        lines = []
        for element in page:
            if isinstance(element, LTTextContainer):
                for line in element:
                    if isinstance(line, LTTextLine) and line.get_text().strip():
                        lines.append((line.get_text().strip(), line.x0, page.height - line.y1))
        pages.append(lines)
    return pages


def wrapped_lines(label: str, lines: list[tuple[str, float, float]]) -> int | None:
    """On how many lines a cell shows `label`: its first line, then the lines below it at the same left edge."""
    best = None
    for text, left, top in lines:
        if not label.startswith(text):
            continue
        shown, count, current = text, 1, top
        while shown != label:
            below = sorted(
                (candidate for candidate in lines if abs(candidate[1] - left) < 2 and candidate[2] > current + 1),
                key=lambda candidate: candidate[2],
            )
            if not below or not label.startswith(shown + below[0][0]):
                break
            shown, count, current = shown + below[0][0], count + 1, below[0][2]
        if shown == label and (best is None or count < best):
            best = count
    return best


def save_pages(pdf: bytes, folder_name: str, prefix: str) -> list[Path]:
    """PNG images of the PDF's pages under SCREENSHOT_DIR/<folder_name>/, for people to look at."""
    folder = SCREENSHOT_DIR / folder_name
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
        source.write(pdf)
        source.flush()
        subprocess.run(["pdftoppm", "-r", "70", "-png", source.name, str(folder / prefix)], check=True, timeout=120)
    return sorted(folder.glob(f"{prefix}*.png"))
