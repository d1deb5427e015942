"""Word (.docx) in the layout offices submit upward: title, sections in order, the national tables."""

from io import BytesIO

from django.utils.translation import gettext as _

from ..context import NARRATIVE, document_context
from ..layout import HEADING_COLUMNS, IDENTITY_NOTE, placed_cells
from ..models import AnnualReport
from .text import html_paragraphs


def render_docx(report: AnnualReport, figures: dict) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    context = document_context(report, figures)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Noto Serif CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    title = document.add_heading(report.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    narrative = dict(NARRATIVE)
    _narrative(document, _(narrative["overview"]), context["overview"])
    document.add_heading(_("二、主动公开政府信息情况"), level=1)
    for table in context["section2_tables"]:
        _section2_table(document, table)
    document.add_heading(_("三、收到和处理政府信息公开申请情况"), level=1)
    _section3_table(document, context)
    document.add_heading(_("四、政府信息公开行政复议、行政诉讼情况"), level=1)
    _section4_table(document, context)
    _narrative(document, _(narrative["problems"]), context["problems"])
    _narrative(document, _(narrative["other_matters"]), context["other_matters"])
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _narrative(document, heading: str, html: str) -> None:
    document.add_heading(heading, level=1)
    for kind, text in html_paragraphs(html):
        if kind == "heading":
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)


def _section2_table(document, table: dict) -> None:
    grid = document.add_table(rows=2 + len(table["rows"]), cols=len(table["columns"]))
    grid.style = "Table Grid"
    heading = grid.cell(0, 0).merge(grid.cell(0, len(table["columns"]) - 1))
    heading.text = table["heading"]
    for column, label in enumerate(table["columns"]):
        grid.cell(1, column).text = label
    for index, row in enumerate(table["rows"], start=2):
        grid.cell(index, 0).text = row["label"]
        for column, value in enumerate(row["values"], start=1):
            grid.cell(index, column).text = f"{value:g}" if isinstance(value, float) else str(value)


def _section3_table(document, context: dict) -> None:
    rows, columns = context["section3_rows"], context["section3_columns"]
    header_rows = 3
    grid = document.add_table(rows=header_rows + len(rows), cols=HEADING_COLUMNS + len(columns))
    grid.style = "Table Grid"
    grid.cell(0, 0).merge(grid.cell(2, HEADING_COLUMNS - 1)).text = IDENTITY_NOTE
    grid.cell(0, HEADING_COLUMNS).merge(grid.cell(0, HEADING_COLUMNS + len(columns) - 1)).text = "申请人情况"
    grid.cell(1, HEADING_COLUMNS).merge(grid.cell(2, HEADING_COLUMNS)).text = columns[0]
    grid.cell(1, HEADING_COLUMNS + 1).merge(grid.cell(1, HEADING_COLUMNS + 5)).text = "法人或其他组织"
    last = HEADING_COLUMNS + len(columns) - 1
    grid.cell(1, last).merge(grid.cell(2, last)).text = columns[-1]
    for offset, label in enumerate(columns[1:6], start=HEADING_COLUMNS + 1):
        grid.cell(2, offset).text = label
    for row_index, column, cell in placed_cells(rows):
        top = header_rows + row_index
        target = grid.cell(top, column)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(grid.cell(top + cell.rowspan - 1, column + cell.colspan - 1))
        target.text = cell.text
    for row_index, row in enumerate(rows, start=header_rows):
        for offset, value in enumerate(row.values, start=HEADING_COLUMNS):
            grid.cell(row_index, offset).text = str(value)


def _section4_table(document, context: dict) -> None:
    columns, values = context["section4_columns"], context["section4_values"]
    grid = document.add_table(rows=4, cols=15)
    grid.style = "Table Grid"
    grid.cell(0, 0).merge(grid.cell(1, 4)).text = "行政复议"
    grid.cell(0, 5).merge(grid.cell(0, 14)).text = "行政诉讼"
    grid.cell(1, 5).merge(grid.cell(1, 9)).text = "未经复议直接起诉"
    grid.cell(1, 10).merge(grid.cell(1, 14)).text = "复议后起诉"
    for index in range(15):
        grid.cell(2, index).text = columns[index % len(columns)]
        grid.cell(3, index).text = str(values[index])
