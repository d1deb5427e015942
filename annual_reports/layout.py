"""The national format's table layout (国办公开办函〔2021〕30号): row headings, their spans and numbering.

The web page, the print view, the PDF, the Word and the Excel exports all draw the tables from
these rows, so the labels and their order are written once.
"""

from dataclasses import dataclass, field

from applications.outcomes import Outcome

from .tables import (
    APPEAL_KINDS,
    APPEAL_RESULTS,
    COLUMNS,
    DECISION_COLUMN,
    DOCUMENT_COLUMNS,
    FEE_COLUMN,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    TOTAL,
)

GROUP_TITLES = {
    "予以公开": "（一）予以公开",
    "部分公开": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "不予公开": "（三）不予公开",
    "无法提供": "（四）无法提供",
    "不予处理": "（五）不予处理",
    "其他处理": "（六）其他处理",
}
IDENTITY_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
HEADING_COLUMNS = 3  # section 三's row headings take three columns: part, group, sub-item
SECTION3_VALUE_COLUMNS = [*COLUMNS, TOTAL]

# Where a heading may break: between these words and nowhere inside them (结果/维持, never 结果维/持).
SEGMENTS = {
    "自然人": ("自然人",),
    "商业企业": ("商业", "企业"),
    "科研机构": ("科研", "机构"),
    "社会公益组织": ("社会", "公益", "组织"),
    "法律服务机构": ("法律", "服务", "机构"),
    "法人或其他组织": ("法人或", "其他组织"),
    "申请人情况": ("申请人", "情况"),
    "结果维持": ("结果", "维持"),
    "结果纠正": ("结果", "纠正"),
    "其他结果": ("其他", "结果"),
    "尚未审结": ("尚未", "审结"),
    "未经复议直接起诉": ("未经复议", "直接起诉"),
    "复议后起诉": ("复议后", "起诉"),
    "三、本年度办理结果": ("三、", "本年度", "办理", "结果"),
    "本年制发件数": ("本年", "制发", "件数"),
    "本年废止件数": ("本年", "废止", "件数"),
    "现行有效件数": ("现行", "有效", "件数"),
    "本年处理决定数量": ("本年处理", "决定数量"),
    "本年收费金额（单位：万元）": ("本年收费金额", "（单位：万元）"),
}
BREAK_AFTER = "）、，："


def words(text: str) -> tuple[str, ...] | None:
    """The pieces of a table heading between which a line may break (a heading never breaks inside a word):
    the listed headings, and the group titles （一）…（六） broken after their punctuation. None for any
    other text, which wraps as prose (the long sub-item labels of section 三)."""
    if text in SEGMENTS:
        return SEGMENTS[text]
    if not text.startswith("（"):
        return None
    pieces, current = [], ""
    for character in text:
        current += character
        if character in BREAK_AFTER:
            pieces.append(current)
            current = ""
    return (*pieces, current) if current else tuple(pieces)


def figure_text(value) -> str:
    """A figure as every format prints it: money (a float, 万元) with four decimals, a count as it is."""
    if value is None:
        return "未填写"
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


# Section 二: (national table heading, its value columns, its rows).
SECTION2_TABLES = [
    ("第二十条第（一）项", ["信息内容", *DOCUMENT_COLUMNS], ["规章", "行政规范性文件"]),
    ("第二十条第（五）项", ["信息内容", DECISION_COLUMN], ["行政许可"]),
    ("第二十条第（六）项", ["信息内容", DECISION_COLUMN], ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", ["信息内容", FEE_COLUMN], ["行政事业性收费"]),
]


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Row:
    key: str  # the JSON row label
    heads: list[Cell] = field(default_factory=list)
    values: list = field(default_factory=list)


def section2_tables(section2: dict) -> list[dict]:
    return [
        {
            "heading": heading,
            "columns": columns,
            "rows": [{"label": row, "values": [section2[row][column] for column in columns[1:]]} for row in rows],
        }
        for heading, columns, rows in SECTION2_TABLES
    ]


def section3_rows(section3: dict) -> list[Row]:
    """Section 三 in the national order, with the row headings' spans as in the national table."""

    def values(key: str) -> list[int]:
        return [section3[key][column] for column in SECTION3_VALUE_COLUMNS]

    rows = [
        Row(ROW_NEW, [Cell("一、" + ROW_NEW, colspan=HEADING_COLUMNS)], values(ROW_NEW)),
        Row(ROW_CARRIED_IN, [Cell("二、" + ROW_CARRIED_IN, colspan=HEADING_COLUMNS)], values(ROW_CARRIED_IN)),
    ]
    groups: dict[str, list[Outcome]] = {}
    for outcome in Outcome:
        groups.setdefault(outcome.group, []).append(outcome)
    first = True
    for group, outcomes in groups.items():
        for index, outcome in enumerate(outcomes):
            heads = []
            if first:
                heads.append(Cell("三、本年度办理结果", rowspan=len(Outcome) + 1))
                first = False
            if not outcome.sub_item:
                heads.append(Cell(GROUP_TITLES[group], colspan=2))
            else:
                if index == 0:
                    heads.append(Cell(GROUP_TITLES[group], rowspan=len(outcomes)))
                heads.append(Cell(f"{index + 1}.{outcome.sub_item}"))
            rows.append(Row(outcome.label, heads, values(outcome.label)))
    rows.append(Row(TOTAL, [Cell("（七）总计", colspan=2)], values(TOTAL)))
    carried_out = Cell("四、" + ROW_CARRIED_OUT, colspan=HEADING_COLUMNS)
    rows.append(Row(ROW_CARRIED_OUT, [carried_out], values(ROW_CARRIED_OUT)))
    return rows


def section4_values(section4: dict) -> list[int]:
    """The one row of fifteen figures, in the national order."""
    columns = [*APPEAL_RESULTS.values(), TOTAL]
    return [section4[kind][column] for kind in APPEAL_KINDS.values() for column in columns]


def section4_columns() -> list[str]:
    return [*APPEAL_RESULTS.values(), TOTAL]


def placed_cells(rows: list[Row]) -> list[tuple[int, int, Cell]]:
    """(row, column, cell) of every row heading, as an HTML table would place them (for Word and Excel)."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for row_index, row in enumerate(rows):
        column = 0
        for cell in row.heads:
            while (row_index, column) in taken:
                column += 1
            placed.append((row_index, column, cell))
            for r in range(row_index, row_index + cell.rowspan):
                for c in range(column, column + cell.colspan):
                    taken.add((r, c))
            column += cell.colspan
    return placed
