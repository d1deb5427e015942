"""Attacks on the report's exports: formulas in spreadsheet cells, server-side requests from the PDF renderer."""

import socket
import threading
import zipfile
from io import BytesIO

import pytest
from openpyxl import load_workbook

from annual_reports import services
from annual_reports.exports import export
from annual_reports.exports.pdf import RefusedAddress, static_fetcher_class, static_path
from catalog.sanitize import clean_body, clean_narrative

FORMULA = "=cmd|' /C calc'!A0"


@pytest.fixture
def listener():
    """A socket on 127.0.0.1 that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    connections, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            connections.append(connection.recv(1024))
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join()
    server.close()


def test_an_organization_named_like_a_formula_stays_text_in_the_excel_file(bureau):
    bureau.name = FORMULA
    bureau.save()
    content = export(services.generate_report(bureau, 2025), "xlsx").content
    with zipfile.ZipFile(BytesIO(content)) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert not any("<f>" in sheet for sheet in sheets)
    title = load_workbook(BytesIO(content))["三 申请情况"]["A1"]
    assert (title.value, title.data_type) == (f"{FORMULA}2025年政府信息公开工作年度报告", "s")


def test_an_image_on_a_local_address_in_a_narrative_is_never_fetched(bureau, listener):
    port, connections = listener
    report = services.generate_report(bureau, 2025)
    report.problems = f'<p>问题<img src="http://127.0.0.1:{port}/secret.png" alt="x"></p>'
    report.save()  # as if the text came in around the form's sanitiser
    pdf = export(report, "pdf").content
    assert pdf.startswith(b"%PDF") and connections == []


def test_the_pdf_fetcher_refuses_every_address_but_the_portals_static_files(listener):
    from weasyprint import HTML

    port, connections = listener
    fetcher = static_fetcher_class()()
    html = f'<p>图<img src="http://127.0.0.1:{port}/a.png"><img src="file:///etc/passwd"></p>'
    HTML(string=html, base_url="https://portal.invalid/", url_fetcher=fetcher).write_pdf()
    assert connections == []
    for address in (f"http://127.0.0.1:{port}/static/x.css", "file:///etc/passwd", "https://portal.invalid/media/a"):
        with pytest.raises(RefusedAddress):
            static_path(address)
    assert static_path("https://portal.invalid/static/css/annual_reports.css").name == "annual_reports.css"
    with pytest.raises(RefusedAddress):
        static_path("https://portal.invalid/static/../settings.py")


def test_the_narrative_sanitiser_drops_images_from_other_addresses():
    html = (
        '<p><img src="http://127.0.0.1:8199/x.png" alt="a"><img src="//evil.example/y.png">'
        '<img src="/\\evil.example/z.png"><img src="/media/ok.png" alt="本站"></p>'
    )
    assert clean_narrative(html) == '<p><img alt="a"><img><img><img src="/media/ok.png" alt="本站"></p>'


def test_item_bodies_keep_their_images_as_before():
    assert clean_body('<p><img src="https://example.org/a.png"></p>') == '<p><img src="https://example.org/a.png"></p>'


def test_style_on_a_table_cell_stays_disallowed():
    assert clean_body('<table><tr><td style="color:red" colspan="2">1</td></tr></table>') == (
        '<table><tbody><tr><td colspan="2">1</td></tr></tbody></table>'
    )
