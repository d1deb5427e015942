import io

import pytest

from search.extraction import extract_text


def test_word_paragraphs_and_tables_are_extracted():
    import docx

    document = docx.Document()
    document.add_paragraph("二〇二五年部门预算")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "一般公共预算拨款"
    buffer = io.BytesIO()
    document.save(buffer)
    found = extract_text("预算.docx", buffer.getvalue())
    assert "二〇二五年部门预算" in found and "一般公共预算拨款" in found


def test_excel_cells_are_extracted():
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["项目", "金额"])
    workbook.active.append(["公务接待费", 12.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "公务接待费\t12.5" in extract_text("决算.XLSX", buffer.getvalue())


def test_pdf_text_is_extracted():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert extract_text("blank.pdf", buffer.getvalue()).strip() == ""


@pytest.mark.parametrize("name", ["损坏.pdf", "损坏.docx", "损坏.xlsx", "图片.png"])
def test_damaged_or_unknown_files_give_no_text(name):
    assert extract_text(name, b"not a real document") == ""
