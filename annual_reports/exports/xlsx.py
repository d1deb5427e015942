"""Excel (.xlsx): one sheet per national table, laid out to print and to be read as the national form.

Borders on every cell of a table, merged headings, wrapped and aligned labels, column widths and
row heights set (Excel does not fit the height of merged cells), A4 landscape one page wide with
the header rows repeated; figures stored as numbers, money (万元) with four decimals. Every text
cell is typed as text (`disclosure_portal.spreadsheets.as_text`), so a name that starts with "="
never becomes a formula.
"""

import math
from io import BytesIO

from disclosure_portal.spreadsheets import as_text

from ..context import document_context
from ..layout import HEADING_COLUMNS, IDENTITY_NOTE, placed_cells
from ..models import AnnualReport

FONT_NAME, FONT_SIZE, TITLE_SIZE = "宋体", 10, 14
UNITS_PER_CHARACTER = 1.9  # a full-width character at 10 pt, in Excel's column-width units
LINE_HEIGHT = 14  # points, one line of 10 pt text
MONEY_FORMAT, COUNT_FORMAT = "0.0000", "0"
SECTION2_WIDTHS = [24, 16, 16, 16]
SECTION3_WIDTHS = [8, 14, 40, *[9] * 7]
SECTION4_WIDTHS = [8.5] * 15


def render_xlsx(report: AnnualReport, figures: dict) -> bytes:
    from openpyxl import Workbook

    context = document_context(report, figures)
    workbook = Workbook()
    workbook.remove(workbook.active)
    _section2_sheet(Sheet(workbook.create_sheet("二 主动公开"), SECTION2_WIDTHS), report, context["section2_tables"])
    _section3_sheet(Sheet(workbook.create_sheet("三 申请情况"), SECTION3_WIDTHS), report, context)
    _section4_sheet(Sheet(workbook.create_sheet("四 复议诉讼"), SECTION4_WIDTHS), report, context)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class Sheet:
    """A worksheet being filled as a bordered table of fixed column widths, printed A4 landscape."""

    def __init__(self, worksheet, widths: list[float]):
        from openpyxl.utils import get_column_letter

        self.worksheet, self.widths = worksheet, widths
        for index, width in enumerate(widths, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = width
        setup = worksheet.page_setup
        setup.orientation, setup.paperSize = "landscape", worksheet.PAPERSIZE_A4
        setup.fitToWidth, setup.fitToHeight = 1, 1  # each sheet is one table of a fixed number of rows
        worksheet.sheet_properties.pageSetUpPr.fitToPage = True
        worksheet.print_options.horizontalCentered = True
        worksheet.page_margins.left = worksheet.page_margins.right = 0.5

    def title(self, text: str) -> None:
        from openpyxl.styles import Alignment, Border, Font

        cell = self.put(1, 1, text, columns=len(self.widths))
        for column in range(1, len(self.widths) + 1):
            self.worksheet.cell(1, column).border = Border()
        cell.font = Font(name=FONT_NAME, size=TITLE_SIZE, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        self.worksheet.row_dimensions[1].height = 28

    def put(self, row: int, column: int, value, rows: int = 1, columns: int = 1, left: bool = False):
        """Write one cell (merged over rows × columns), bordered, wrapped, text as text, numbers as numbers."""
        from openpyxl.styles import Alignment, Border, Font, Side

        cell = as_text(self.worksheet.cell(row, column, "未填写" if value is None else value))
        thin = Side(style="thin", color="000000")
        for r in range(row, row + rows):
            for c in range(column, column + columns):
                self.worksheet.cell(r, c).border = Border(left=thin, right=thin, top=thin, bottom=thin)
        if rows > 1 or columns > 1:
            self.worksheet.merge_cells(
                start_row=row, start_column=column, end_row=row + rows - 1, end_column=column + columns - 1
            )
        cell.font = Font(name=FONT_NAME, size=FONT_SIZE)
        cell.alignment = Alignment(horizontal="left" if left else "center", vertical="center", wrap_text=True)
        if isinstance(value, int | float) and not isinstance(value, bool):
            cell.number_format = MONEY_FORMAT if isinstance(value, float) else COUNT_FORMAT
        return cell

    def fit_height(self, row: int, text: str, column: int, columns: int = 1) -> None:
        """Make the row tall enough for the text wrapped in its (merged) width, never lower than it is."""
        width = sum(self.widths[column - 1 : column - 1 + columns])
        lines = max(1, math.ceil(len(text) * UNITS_PER_CHARACTER / max(width - 1, 1)))
        dimension = self.worksheet.row_dimensions[row]
        dimension.height = max(dimension.height or 0, lines * LINE_HEIGHT + 4)


def _section2_sheet(sheet: Sheet, report: AnnualReport, blocks: list[dict]) -> None:
    sheet.title(report.title)
    row = 2
    for block in blocks:
        sheet.put(row, 1, block["heading"], columns=4, left=True)
        columns = block["columns"]
        for index, label in enumerate(columns, start=1):
            span = 4 - index + 1 if index == len(columns) else 1
            sheet.put(row + 1, index, label, columns=span)
            sheet.fit_height(row + 1, label, index, span)
        row += 2
        for data in block["rows"]:
            sheet.put(row, 1, data["label"])
            for index, value in enumerate(data["values"], start=2):
                span = 4 - index + 1 if index == len(data["values"]) + 1 else 1
                sheet.put(row, index, value, columns=span)
            row += 1


def _section3_sheet(sheet: Sheet, report: AnnualReport, context: dict) -> None:
    rows, columns = context["section3_rows"], context["section3_columns"]
    first = HEADING_COLUMNS + 1
    sheet.title(report.title)
    sheet.put(2, 1, IDENTITY_NOTE, rows=3, columns=HEADING_COLUMNS)
    sheet.put(2, first, "申请人情况", columns=len(columns))
    sheet.put(3, first, columns[0], rows=2)
    sheet.put(3, first + 1, "法人或其他组织", columns=5)
    sheet.put(3, first + 6, columns[-1], rows=2)
    for offset, label in enumerate(columns[1:6], start=first + 1):
        sheet.put(4, offset, label)
        sheet.fit_height(4, label, offset)
    top = 5
    for row_index, column, cell in placed_cells(rows):
        sheet.put(top + row_index, column + 1, cell.text, rows=cell.rowspan, columns=cell.colspan, left=True)
        if cell.rowspan == 1:
            sheet.fit_height(top + row_index, cell.text, column + 1, cell.colspan)
    for row_index, row in enumerate(rows):
        for offset, value in enumerate(row.values, start=first):
            sheet.put(top + row_index, offset, value)
    sheet.worksheet.print_title_rows = "2:4"
    sheet.worksheet.freeze_panes = sheet.worksheet.cell(top, first)


def _section4_sheet(sheet: Sheet, report: AnnualReport, context: dict) -> None:
    columns, values = context["section4_columns"], context["section4_values"]
    sheet.title(report.title)
    sheet.put(2, 1, "行政复议", rows=2, columns=5)
    sheet.put(2, 6, "行政诉讼", columns=10)
    sheet.put(3, 6, "未经复议直接起诉", columns=5)
    sheet.put(3, 11, "复议后起诉", columns=5)
    for index in range(15):
        sheet.put(4, index + 1, columns[index % len(columns)])
        sheet.fit_height(4, columns[index % len(columns)], index + 1)
        sheet.put(5, index + 1, values[index])
