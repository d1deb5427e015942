"""What every rendering of a report (page, print view, PDF, Word, Excel) is drawn from."""

from django.utils.safestring import mark_safe

from catalog.sanitize import clean_body

from .charts import report_charts
from .layout import (
    IDENTITY_NOTE,
    SECTION3_VALUE_COLUMNS,
    section2_tables,
    section3_rows,
    section4_columns,
    section4_values,
)
from .models import AnnualReport

NARRATIVE = (
    ("overview", "一、总体情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
)


def narrative_html(report: AnnualReport, name: str) -> str:
    # Sanitised again on the way out: the text may predate a stricter rule or come from a data import.
    return mark_safe(clean_body(getattr(report, name) or ""))


def document_context(report: AnnualReport, figures: dict) -> dict:
    tables = figures["tables"]
    return {
        "report": report,
        "figures": figures,
        "statistics": figures["statistics"],
        "section2_tables": section2_tables(tables["section2"]),
        "section3_rows": section3_rows(tables["section3"]),
        "section3_columns": SECTION3_VALUE_COLUMNS,
        "section4_columns": section4_columns(),
        "section4_values": section4_values(tables["section4"]),
        "identity_note": IDENTITY_NOTE,
        "fees_yuan": tables["fees_yuan"],
        "overview": narrative_html(report, "overview"),
        "problems": narrative_html(report, "problems"),
        "other_matters": narrative_html(report, "other_matters"),
        "charts": report_charts(figures),
    }
