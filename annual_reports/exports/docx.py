"""Word (.docx) in the layout offices submit upward, after GB/T 9704 (党政机关公文格式).

A4 with the standard margins; the title in 方正小标宋简体 at 22 pt (二号), the body in 仿宋_GB2312 at
16 pt (三号) with a two-character first-line indent, headings in black 黑体 (一、) and 楷体_GB2312
(（一）); page numbers "— 1 —". The font names are the ones an office PC has installed, so Word uses
them. The tables in 9 pt with fixed column widths (section 三's labels wide, its figures narrow),
header rows repeated on a new page, rows never split; section 三 starts a page and fits on it.
"""

from io import BytesIO

from django.utils.translation import gettext as _

from ..context import NARRATIVE, document_context
from ..layout import HEADING_COLUMNS, IDENTITY_NOTE, figure_text, placed_cells
from ..models import AnnualReport
from .text import Rows, html_blocks

TITLE_FONT, BODY_FONT, HEADING_FONT, SUBHEADING_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"
LATIN_FONT = "Times New Roman"
BODY_SIZE, TITLE_SIZE, TABLE_SIZE, PAGE_NUMBER_SIZE = 16, 22, 9, 14
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156 mm
SECTION2_WIDTHS_MM = [54, 34, 34, 34]
SECTION3_WIDTHS_MM = [12, 20, 47, *[11] * 7]
SECTION4_WIDTHS_MM = [TEXT_WIDTH_MM / 15] * 15
CELL_MARGIN_TWIPS = 57  # 1 mm each side: the narrow figure columns keep their width for text
STYLE_TITLE, STYLE_HEADING, STYLE_SUBHEADING, STYLE_TABLE = "报告标题", "报告一级标题", "报告二级标题", "报告表格"


def render_docx(report: AnnualReport, figures: dict) -> bytes:
    from docx import Document

    context = document_context(report, figures)
    document = Document()
    _page_setup(document)
    _styles(document)
    document.add_paragraph(report.title, style=STYLE_TITLE)
    for paragraph in context["preface"]:
        document.add_paragraph(paragraph)
    narrative = dict(NARRATIVE)
    _narrative(document, _(narrative["overview"]), context["overview"])
    document.add_paragraph(_("二、主动公开政府信息情况"), style=STYLE_HEADING)
    _section2_table(document, context["section2_tables"])
    # Section 三 starts a page: the whole table then fits on it, as in the PDF.
    document.add_paragraph(
        _("三、收到和处理政府信息公开申请情况"), style=STYLE_HEADING
    ).paragraph_format.page_break_before = True
    _section3_table(document, context)
    document.add_paragraph(_("四、政府信息公开行政复议、行政诉讼情况"), style=STYLE_HEADING)
    _section4_table(document, context)
    _narrative(document, _(narrative["problems"]), context["problems"])
    _narrative(document, _(narrative["other_matters"]), context["other_matters"])
    _signature(document, context["signature"])
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, millimetres in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(millimetres))
    footer = section.footer.paragraphs[0]
    footer.alignment = _center()
    _run(footer, "— ", BODY_FONT, PAGE_NUMBER_SIZE)
    _page_field(footer)
    _run(footer, " —", BODY_FONT, PAGE_NUMBER_SIZE)


def _center():
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return WD_ALIGN_PARAGRAPH.CENTER


def _styles(document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    normal = document.styles["Normal"]
    _fonts(normal, BODY_FONT, BODY_SIZE)
    normal.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name, font, size, level in (
        (STYLE_TITLE, TITLE_FONT, TITLE_SIZE, None),
        (STYLE_HEADING, HEADING_FONT, BODY_SIZE, 0),
        (STYLE_SUBHEADING, SUBHEADING_FONT, BODY_SIZE, 1),
        (STYLE_TABLE, BODY_FONT, TABLE_SIZE, None),
    ):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _fonts(style, font, size)
        if level is not None:
            _outline_level(style, level)
            style.paragraph_format.keep_with_next = True
    title = document.styles[STYLE_TITLE].paragraph_format
    title.alignment, title.first_line_indent, title.space_after = WD_ALIGN_PARAGRAPH.CENTER, Pt(0), Pt(28)
    title.line_spacing = Pt(36)
    table = document.styles[STYLE_TABLE].paragraph_format
    table.alignment, table.first_line_indent = WD_ALIGN_PARAGRAPH.CENTER, Pt(0)
    table.line_spacing_rule, table.line_spacing = WD_LINE_SPACING.SINGLE, 1.0
    _drop_theme_fonts(document)


def _fonts(style, east_asian: str, size: int) -> None:
    """Set the Chinese (eastAsia) and Latin faces explicitly, in black, with no theme font to override them."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = LATIN_FONT
    style.font.size = Pt(size)
    style.font.bold = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _drop_theme_fonts(document) -> None:
    """The template's document defaults name theme fonts (Calibri / 等线): drop them so ours apply everywhere."""
    from docx.oxml.ns import qn

    for fonts in document.styles.element.iter(qn("w:rFonts")):
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)


def _outline_level(style, level: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(level))
    style.element.get_or_add_pPr().append(element)


def _run(paragraph, text: str, font: str, size: int):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.name, run.font.size = LATIN_FONT, Pt(size)
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _page_field(paragraph) -> None:
    """A PAGE field, one run per part as Word writes it: Word and LibreOffice print the page number there."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for tag, value in (("w:fldChar", "begin"), ("w:instrText", " PAGE "), ("w:fldChar", "separate"), ("w:t", "1")):
        element = OxmlElement(tag)
        if tag == "w:fldChar":
            element.set(qn("w:fldCharType"), value)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = value
        _run(paragraph, "", BODY_FONT, PAGE_NUMBER_SIZE).element.append(element)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    _run(paragraph, "", BODY_FONT, PAGE_NUMBER_SIZE).element.append(end)


def _narrative(document, heading: str, html: str) -> None:
    document.add_paragraph(heading, style=STYLE_HEADING)
    for kind, content in html_blocks(html):
        if isinstance(content, str):
            document.add_paragraph(content, style=STYLE_SUBHEADING if kind == "heading" else None)
        else:
            _narrative_table(document, content)


def _narrative_table(document, rows: Rows) -> None:
    """A table staff put in the narrative, its cells placed as a browser places them: a cell spanning rows
    takes its place in the rows below, and their own cells move right of it."""
    placed, taken = [], set()
    for top, row in enumerate(rows):
        left = 0
        for cell in row:
            while (top, left) in taken:
                left += 1
            right = left
            while right + 1 < left + cell.colspan and (top, right + 1) not in taken:
                right += 1
            bottom = min(top + cell.rowspan, len(rows)) - 1
            taken.update((y, x) for y in range(top, bottom + 1) for x in range(left, right + 1))
            placed.append((top, left, bottom, right, cell))
            left = right + 1
    width = max(right for _, _, _, right, _ in placed) + 1
    header_rows = next((index for index, row in enumerate(rows) if not all(cell.header for cell in row)), len(rows))
    grid = _table(document, len(rows), [TEXT_WIDTH_MM / width] * width, header_rows=header_rows)
    for top, left, bottom, right, cell in placed:
        grid.put(top, left, cell.text, bottom, right)
    grid.finish()


def _signature(document, signature: dict) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document.add_paragraph()
    for text in (signature["organization"], signature["date"]):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.right_indent = Pt(2 * BODY_SIZE)


def _table(document, rows: int, widths_mm: list[float], header_rows: int = 0) -> "Grid":
    """A bordered table of fixed column widths; its first `header_rows` repeat on every page; no row splits."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # a fixed layout: Word keeps the widths below
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for index, row in enumerate(table._tbl.tr_lst):
        for cell, width in zip(row.tc_lst, widths_mm, strict=True):
            cell.width = Mm(width)
        properties = row.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index < header_rows:
            properties.append(OxmlElement("w:tblHeader"))
    return Grid(table)


class Grid:
    """Cells to fill: merges are made first, then every text written through one list of the cells
    (python-docx's `table.cell()` walks the whole table on each call)."""

    def __init__(self, table):
        self.table, self.merges, self.texts = table, [], {}

    def put(self, row: int, column: int, text: str, bottom: int | None = None, right: int | None = None,
            align_left: bool = False) -> None:  # fmt: skip
        bottom, right = row if bottom is None else bottom, column if right is None else right
        if (bottom, right) != (row, column):
            self.merges.append((row, column, bottom, right))
        self.texts[(row, column)] = (text, align_left)

    def finish(self) -> None:
        width = len(self.table.columns)
        cells = self.table._cells  # merging changes no cell outside its own area, so one list serves all merges
        for top, left, bottom, right in self.merges:
            cells[top * width + left].merge(cells[bottom * width + right])
        cells = self.table._cells
        style_id = self.table.part.document.styles[STYLE_TABLE].style_id
        for (row, column), (text, align_left) in self.texts.items():
            _write(cells[row * width + column], text, style_id, align_left)


def _write(cell, text: str, style_id: str, align_left: bool = False) -> None:
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cell.text = ""
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style_id  # by id: looking a style up by name walks every style each time
    if align_left:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    paragraph.add_run(text)
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def _section2_table(document, blocks: list[dict]) -> None:
    """The national form's one table: each block's heading, its column heads, its rows."""
    grid = _table(document, sum(2 + len(block["rows"]) for block in blocks), SECTION2_WIDTHS_MM)
    row = 0
    for block in blocks:
        grid.put(row, 0, block["heading"], right=3, align_left=True)
        columns = block["columns"]
        for index, label in enumerate(columns):
            grid.put(row + 1, index, label, right=3 if index == len(columns) - 1 else index)
        row += 2
        for data in block["rows"]:
            grid.put(row, 0, data["label"])
            for index, value in enumerate(data["values"], start=1):
                grid.put(row, index, figure_text(value), right=3 if index == len(data["values"]) else index)
            row += 1
    grid.finish()


def _section3_table(document, context: dict) -> None:
    rows, columns = context["section3_rows"], context["section3_columns"]
    header_rows, first = 3, HEADING_COLUMNS
    grid = _table(document, header_rows + len(rows), SECTION3_WIDTHS_MM, header_rows=header_rows)
    last = first + len(columns) - 1
    grid.put(0, 0, IDENTITY_NOTE, bottom=2, right=first - 1)
    grid.put(0, first, "申请人情况", right=last)
    grid.put(1, first, columns[0], bottom=2)
    grid.put(1, first + 1, "法人或其他组织", right=first + 5)
    grid.put(1, last, columns[-1], bottom=2)
    for offset, label in enumerate(columns[1:6], start=first + 1):
        grid.put(2, offset, label)
    for row_index, column, cell in placed_cells(rows):
        top = header_rows + row_index
        bottom, right = top + cell.rowspan - 1, column + cell.colspan - 1
        grid.put(top, column, cell.text, bottom=bottom, right=right, align_left=True)
    for row_index, row in enumerate(rows, start=header_rows):
        for offset, value in enumerate(row.values, start=first):
            grid.put(row_index, offset, figure_text(value))
    grid.finish()


def _section4_table(document, context: dict) -> None:
    columns, values = context["section4_columns"], context["section4_values"]
    grid = _table(document, 4, SECTION4_WIDTHS_MM, header_rows=3)
    grid.put(0, 0, "行政复议", bottom=1, right=4)
    grid.put(0, 5, "行政诉讼", right=14)
    grid.put(1, 5, "未经复议直接起诉", right=9)
    grid.put(1, 10, "复议后起诉", right=14)
    for index in range(15):
        grid.put(2, index, columns[index % len(columns)])
        grid.put(3, index, figure_text(values[index]))
    grid.finish()
