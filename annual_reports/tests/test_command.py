import json
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from annual_reports.tables import COLUMNS, TOTAL


def run(tmp_path, organization, fmt: str, *extra: str) -> bytes:
    path = tmp_path / f"report.{fmt}"
    arguments = ["--org", organization.code, "--year", "2025", "--format", fmt, "-o", str(path), *extra]
    call_command("annual_report", *arguments)
    return path.read_bytes()


def test_json_has_the_fixed_shape_and_figures(tmp_path, year_of_applications):
    data = json.loads(run(tmp_path, year_of_applications, "json"))
    assert list(data) == ["organization", "year", "consolidated", "section2", "section3", "section4", "fees_yuan"]
    assert (data["organization"], data["year"], data["consolidated"]) == (year_of_applications.code, 2025, False)
    assert list(data["section3"]["总计"]) == [*COLUMNS, TOTAL]
    assert data["section3"]["本年新收政府信息公开申请数量"]["总计"] == 6
    # Typed by staff on the report; with no report on record nothing is typed yet: null, not a made-up 0.
    assert data["section2"]["行政事业性收费"] == {"本年收费金额（单位：万元）": None}
    assert data["section4"]["行政复议"]["总计"] == 0


def test_consolidated_json_sums_the_children(tmp_path, city, year_of_applications):
    data = json.loads(run(tmp_path, city, "json", "--consolidated"))
    assert data["consolidated"] is True
    assert data["section3"]["本年新收政府信息公开申请数量"]["总计"] == 7


def test_pdf_text_holds_the_table_labels_and_embeds_cjk_fonts(tmp_path, year_of_applications):
    reader = PdfReader(BytesIO(run(tmp_path, year_of_applications, "pdf")))
    text = "".join(page.extract_text() for page in reader.pages)
    for label in ("本年新收政府信息公开申请数量", "结转下年度继续办理", "行政复议", "申请人情况", "信息内容"):
        assert label in text
    fonts = {font["/BaseFont"] for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert any("CJK" in str(name) for name in fonts)


def test_pdf_keeps_the_applications_table_on_one_page(tmp_path, year_of_applications):
    reader = PdfReader(BytesIO(run(tmp_path, year_of_applications, "pdf")))
    pages = [page.extract_text() for page in reader.pages]
    first = next(text for text in pages if "一、本年新收政府信息公开申请数量" in text)
    assert "四、结转下年度继续办理" in first


def test_docx_holds_the_json_figures(tmp_path, year_of_applications):
    data = json.loads(run(tmp_path, year_of_applications, "json"))
    document = Document(BytesIO(run(tmp_path, year_of_applications, "docx")))
    section3 = next(t for t in document.tables if "申请人情况" in t.cell(0, 3).text)
    new_row = next(row for row in section3.rows if row.cells[0].text.startswith("一、"))
    figures = [int(cell.text) for cell in new_row.cells[3:]]
    assert figures == list(data["section3"]["本年新收政府信息公开申请数量"].values())


def test_xlsx_has_one_sheet_per_table_with_numbers_as_numbers(tmp_path, year_of_applications):
    data = json.loads(run(tmp_path, year_of_applications, "json"))
    workbook = load_workbook(BytesIO(run(tmp_path, year_of_applications, "xlsx")))
    assert workbook.sheetnames == ["二 主动公开", "三 申请情况", "四 复议诉讼"]
    sheet = workbook["三 申请情况"]
    rows = {row[0]: row[3:] for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]}
    section3 = data["section3"]
    assert list(rows["一、本年新收政府信息公开申请数量"]) == list(section3["本年新收政府信息公开申请数量"].values())
    assert list(rows["四、结转下年度继续办理"]) == list(section3["结转下年度继续办理"].values())


def test_html_is_a_print_document(tmp_path, year_of_applications):
    html = run(tmp_path, year_of_applications, "html").decode()
    assert html.count("<h1>") == 1 and "三、收到和处理政府信息公开申请情况" in html


def test_an_unknown_organization_is_refused(tmp_path, db):
    with pytest.raises(CommandError):
        call_command("annual_report", "--org", "NOPE", "--year", "2025", "--format", "json", "-o", str(tmp_path / "x"))
