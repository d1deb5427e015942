"""The indicators of 国办秘函〔2019〕19号 (政府网站与政务新媒体检查指标) the portal can compute from its own data.

Each rule is a plain function of the organizations it looks at and the day: tests call them directly.
"""

from .deadlines import annual_report_lines, art26_lines, message_lines
from .freshness import Cadence, cadence_of, column_lines, home_page_line
from .links import attachment_lines, broken_link_lines

__all__ = [
    "Cadence",
    "annual_report_lines",
    "art26_lines",
    "attachment_lines",
    "broken_link_lines",
    "cadence_of",
    "column_lines",
    "home_page_line",
    "message_lines",
]
