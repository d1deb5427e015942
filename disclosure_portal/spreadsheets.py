"""User text in exported spreadsheets stays text: never a formula (CSV and formula injection).

A cell that a spreadsheet program would read as a formula (it begins with = + - @, a tab or a
carriage return) is written to .csv behind an apostrophe, the mark Excel and WPS read as "text as
typed", and to .xlsx as a string cell with the quote-prefix style, so there the value itself is
unchanged. Every export (ledger, annual report, statistics, catalog lists) writes its cells through
these functions, and the ledger import reads the apostrophe back off.
"""

from typing import TypeGuard

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def looks_like_formula(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: object) -> object:
    """The value as a .csv cell: a formula-like string behind the text mark, anything else unchanged."""
    return TEXT_MARK + value if looks_like_formula(value) else value


def csv_row(values) -> list:
    return [csv_cell(value) for value in values]


def from_csv_cell(text: str) -> str:
    """A cell read back from a .csv export: the text mark that guarded a formula-like value removed."""
    return text[1:] if text.startswith(TEXT_MARK) and looks_like_formula(text[1:]) else text


def as_text(cell):
    """Type an openpyxl cell holding a string as text (it never becomes a formula); returns the cell."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if looks_like_formula(cell.value):
            cell.quotePrefix = True
    return cell


def xlsx_row(sheet, values) -> list:
    """Cells for `sheet.append` in a write-only workbook: strings typed as text, numbers and dates as they are."""
    from openpyxl.cell import WriteOnlyCell

    return [as_text(WriteOnlyCell(sheet, value)) for value in values]
