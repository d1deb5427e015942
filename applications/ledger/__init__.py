"""The ledger (台账): a fixed interface of twenty columns, in .csv (UTF-8 with BOM) or .xlsx."""

from .columns import HEADERS
from .exporter import export_ledger
from .importer import ImportResult, LedgerError, import_ledger, import_summary

__all__ = ["HEADERS", "ImportResult", "LedgerError", "export_ledger", "import_ledger", "import_summary"]
