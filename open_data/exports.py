"""Bulk exports, streamed: rows are read from the database in chunks and written out as they come, so an
export of a million items never holds more than one chunk in memory.

CSV files start with a UTF-8 byte order mark (Excel and WPS then read Chinese correctly) and write every
cell through `csv_cell`, so a title beginning with = stays text in a spreadsheet.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalog.models import Item
from disclosure_portal.spreadsheets import csv_row

from .cursor import ORDER

BOM = "\ufeff"
CHUNK_ROWS = 2000  # rows fetched from the database at once
ROWS_PER_WRITE = 500  # rows joined into one piece of the response

# The exported fields: key in JSON, header in CSV, what is read from the database.
ITEM_FIELDS = (
    ("index_number", _("索引号"), "index_number"),
    ("title", _("标题"), "title"),
    ("document_number", _("文号"), "document_number"),
    ("organization", _("发布机构"), "organization__name"),
    ("category", _("信息分类"), "category__name"),
    ("topic", _("主题分类"), "topic__name"),
    ("document_type", _("文种"), "document_type__name"),
    ("written_on", _("成文日期"), "written_on"),
    ("published_on", _("发布日期"), "published_on"),
    ("validity", _("有效性"), "validity"),
    ("validity_changed_on", _("废止或失效日期"), "validity_changed_on"),
)


def _item_address(absolute) -> Callable[[int], str]:
    """The page address of an item by id, reversed once: reversing every row took half an export's time."""
    marker = "987654321"
    before, after = absolute(reverse("catalog:item_detail", args=[marker])).split(marker)
    return lambda pk: f"{before}{pk}{after}"


def item_records(items, absolute) -> Iterator[dict]:
    """Each item as a flat record in catalog order; dates as YYYY-MM-DD, validity in words, the page's address."""
    rows = items.order_by(*ORDER).values_list("pk", *(lookup for _key, _header, lookup in ITEM_FIELDS))
    keys = ["id", *(key for key, _header, _lookup in ITEM_FIELDS)]
    validity_labels = {value: str(label) for value, label in Item.Validity.choices}
    address = _item_address(absolute)
    for values in rows.iterator(chunk_size=CHUNK_ROWS):
        record = dict(zip(keys, values, strict=True))
        record["validity"] = validity_labels.get(record["validity"], record["validity"])
        for key in ("written_on", "published_on", "validity_changed_on"):
            record[key] = record[key].isoformat() if record[key] else ""
        record["url"] = address(record["id"])
        yield {key: value if value is not None else "" for key, value in record.items()}


def csv_pieces(rows: Iterable[list]) -> Iterator[str]:
    """A CSV file in pieces: the byte order mark, then a few hundred rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield BOM
    for number, row in enumerate(rows, 1):
        writer.writerow(csv_row(row))
        if number % ROWS_PER_WRITE == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def item_csv_rows(records: Iterable[dict]) -> Iterator[list]:
    yield [str(header) for _key, header, _lookup in ITEM_FIELDS] + [str(_("网址"))]
    for record in records:
        yield [record[key] for key, _header, _lookup in ITEM_FIELDS] + [record["url"]]


def json_pieces(records: Iterable[dict]) -> Iterator[str]:
    """A JSON array written one record at a time."""
    yield "["
    separator = "\n"
    for record in records:
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def streamed(pieces: Iterable[str], content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse((piece.encode() for piece in pieces), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def items_csv(items, absolute) -> StreamingHttpResponse:
    return streamed(csv_pieces(item_csv_rows(item_records(items, absolute))), "text/csv; charset=utf-8", "items.csv")


def items_json(items, absolute) -> StreamingHttpResponse:
    return streamed(json_pieces(item_records(items, absolute)), "application/json; charset=utf-8", "items.json")


def statistics_csv(rows: Iterable[list]) -> StreamingHttpResponse:
    return streamed(csv_pieces(rows), "text/csv; charset=utf-8", "statistics.csv")
