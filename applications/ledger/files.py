"""Reading and writing the two file formats, row by row.

Rows hold typed values (text, dates, whole numbers, amounts); each format writes them its own way:
.csv as text (UTF-8 with BOM, dates as YYYY-MM-DD), .xlsx as real dates and numbers with a frozen,
sized header. User text never becomes a formula in either (disclosure_portal.spreadsheets).
"""

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from disclosure_portal.spreadsheets import csv_row, from_csv_cell, xlsx_row

DATE_FORMAT = "yyyy-mm-dd"
AMOUNT_FORMAT = "0.00"
WIDE_COLUMNS = {"申请人": 18, "申请内容": 40}  # the rest fit their header
SHEET_NAME = "台账"


def file_format(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"unsupported ledger format: {suffix or name}")
    return suffix[1:]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(stream, fmt: str) -> Iterator[list[str]]:
    """Every row of the file as a list of strings, the header first."""
    if fmt == "csv":
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        try:
            for row in csv.reader(text):
                yield [from_csv_cell(cell.strip()) for cell in row]
        finally:
            text.detach()  # leave the caller's stream open
        return
    from openpyxl import load_workbook

    workbook = load_workbook(stream, read_only=True, data_only=True)
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield [_cell(value) for value in row]
    finally:
        workbook.close()


def text_of(value) -> str:
    """A typed ledger value as the .csv writes it."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return _cell(value)


def write_rows(stream, fmt: str, rows) -> None:
    """Write rows (the header first) to a binary stream."""
    if fmt == "csv":
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        writer = csv.writer(text)
        for row in rows:
            writer.writerow(csv_row(text_of(value) for value in row))
        text.flush()
        text.detach()
        return
    _write_xlsx(stream, iter(rows))


def _write_xlsx(stream, rows: Iterator[list]) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_NAME)
    header = next(rows)
    for index, title in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDE_COLUMNS.get(title, 2.2 * len(title) + 2)
    sheet.freeze_panes = "A2"
    sheet.append(xlsx_row(sheet, header))
    for row in rows:
        cells = xlsx_row(sheet, [float(value) if isinstance(value, Decimal) else value for value in row])
        for cell, value in zip(cells, row, strict=True):
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, Decimal):
                cell.number_format = AMOUNT_FORMAT
        sheet.append(cells)
    workbook.save(stream)
