"""Reading and writing the two file formats, row by row."""

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path


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
                yield [cell.strip() for cell in row]
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


def write_rows(stream, fmt: str, rows) -> None:
    """Write rows (the header first) to a binary stream."""
    if fmt == "csv":
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        csv.writer(text).writerows(rows)
        text.flush()
        text.detach()
        return
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("台账")
    for row in rows:
        sheet.append(row)
    workbook.save(stream)
