"""Excel (.xlsx): one sheet per national table, numbers stored as numbers."""

from io import BytesIO

from ..context import document_context
from ..layout import HEADING_COLUMNS, IDENTITY_NOTE, placed_cells
from ..models import AnnualReport

SECTION2_SHEETS = [
    "二（一）规章和规范性文件",
    "二（五）行政许可",
    "二（六）行政处罚和行政强制",
    "二（八）行政事业性收费",
]


def render_xlsx(report: AnnualReport, figures: dict) -> bytes:
    from openpyxl import Workbook

    context = document_context(report, figures)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, table in zip(SECTION2_SHEETS, context["section2_tables"], strict=True):
        _section2_sheet(workbook.create_sheet(name), report, table)
    _section3_sheet(workbook.create_sheet("三 申请情况"), report, context)
    _section4_sheet(workbook.create_sheet("四 复议诉讼"), report, context)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _title(sheet, report: AnnualReport, width: int) -> None:
    sheet.cell(1, 1, report.title)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)


def _section2_sheet(sheet, report: AnnualReport, table: dict) -> None:
    width = len(table["columns"])
    _title(sheet, report, width)
    sheet.cell(2, 1, table["heading"])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.append(table["columns"])
    for row in table["rows"]:
        sheet.append([row["label"], *row["values"]])
    sheet.column_dimensions["A"].width = 18


def _section3_sheet(sheet, report: AnnualReport, context: dict) -> None:
    rows, columns = context["section3_rows"], context["section3_columns"]
    first_value = HEADING_COLUMNS + 1
    _title(sheet, report, HEADING_COLUMNS + len(columns))
    sheet.cell(2, 1, IDENTITY_NOTE)
    sheet.merge_cells(start_row=2, start_column=1, end_row=4, end_column=HEADING_COLUMNS)
    sheet.cell(2, first_value, "申请人情况")
    sheet.merge_cells(start_row=2, start_column=first_value, end_row=2, end_column=first_value + len(columns) - 1)
    sheet.cell(3, first_value, columns[0])
    sheet.merge_cells(start_row=3, start_column=first_value, end_row=4, end_column=first_value)
    sheet.cell(3, first_value + 1, "法人或其他组织")
    sheet.merge_cells(start_row=3, start_column=first_value + 1, end_row=3, end_column=first_value + 5)
    sheet.cell(3, first_value + 6, columns[-1])
    sheet.merge_cells(start_row=3, start_column=first_value + 6, end_row=4, end_column=first_value + 6)
    for offset, label in enumerate(columns[1:6], start=first_value + 1):
        sheet.cell(4, offset, label)
    top = 5
    for row_index, column, cell in placed_cells(rows):
        sheet.cell(top + row_index, column + 1, cell.text)
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=top + row_index,
                start_column=column + 1,
                end_row=top + row_index + cell.rowspan - 1,
                end_column=column + cell.colspan,
            )
    for row_index, row in enumerate(rows):
        for offset, value in enumerate(row.values, start=first_value):
            sheet.cell(top + row_index, offset, value)
    for letter in "ABC":
        sheet.column_dimensions[letter].width = 16


def _section4_sheet(sheet, report: AnnualReport, context: dict) -> None:
    columns, values = context["section4_columns"], context["section4_values"]
    _title(sheet, report, 15)
    sheet.cell(2, 1, "行政复议")
    sheet.merge_cells(start_row=2, start_column=1, end_row=3, end_column=5)
    sheet.cell(2, 6, "行政诉讼")
    sheet.merge_cells(start_row=2, start_column=6, end_row=2, end_column=15)
    sheet.cell(3, 6, "未经复议直接起诉")
    sheet.merge_cells(start_row=3, start_column=6, end_row=3, end_column=10)
    sheet.cell(3, 11, "复议后起诉")
    sheet.merge_cells(start_row=3, start_column=11, end_row=3, end_column=15)
    sheet.append([columns[index % len(columns)] for index in range(15)])
    sheet.append(values)
