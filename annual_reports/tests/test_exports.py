"""The files an office sends upward: Word and Excel checked in their structure and as LibreOffice prints them,
the PDF as WeasyPrint lays it out; every figure in every format equal to the JSON."""

import json
from datetime import date
from io import BytesIO

from django.test import TestCase
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import load_workbook
from pypdf import PdfReader

from annual_reports import services
from annual_reports.layout import SECTION3_VALUE_COLUMNS, SEGMENTS, words
from annual_reports.models import ReportFile
from catalog.models import Membership
from conftest import make_bureau, make_city, make_other_bureau, make_staff

from .conftest import fill_in, fill_year_of_applications, make_appeal, make_application, make_fee
from .rendering import libreoffice_pdf, save_pages, text_lines, wrapped_lines

FEES_WAN = "123456.7891"
LONGEST_LABELS = [
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "2.其他法律行政法规禁止公开",
    "一、本年新收政府信息公开申请数量",
    "四、结转下年度继续办理",
]


def publish_a_year() -> dict[str, bytes]:
    """A year of the bureau's work published as staff do it; the stored file of each format, as downloaded."""
    city = make_city()
    bureau = fill_year_of_applications(make_bureau(city), make_other_bureau(city))
    editor = make_staff("editor", bureau, Membership.Role.EDITOR)
    reviewer = make_staff("reviewer", bureau, Membership.Role.REVIEWER)
    make_fee(make_application(bureau, date(2025, 3, 3), date(2025, 4, 20), "1"), "300.00", date(2025, 4, 1))
    make_appeal(bureau, "review", date(2025, 3, 1), "maintained", date(2025, 6, 1))
    report = services.generate_report(bureau, 2025, by=editor)
    fill_in(report, licensing_decisions=120, penalty_decisions=7, enforcement_decisions=0, admin_fees_wan=FEES_WAN)
    with TestCase.captureOnCommitCallbacks(execute=True):  # the files are rendered by a task after commit
        report = services.publish_report(report, by=reviewer, today=date(2026, 1, 20))
    return {row.fmt: row.file.read() for row in ReportFile.objects.filter(report=report)}


def section3_rows(data: dict) -> list[list]:
    """The JSON's section 三 as rows of figures, in the national order."""
    return [list(row.values()) for row in data["section3"].values()]


def runs_of_pieces(pieces: tuple[str, ...]) -> set[str]:
    """Every run of consecutive whole pieces: the only ways a heading may be split into lines."""
    return {"".join(pieces[start:end]) for start in range(len(pieces)) for end in range(start + 1, len(pieces) + 1)}


def _check_printed(pdf: bytes) -> None:
    """Table 三 on one page; no label cell on more than three lines (wrapped at most twice)."""
    pages = text_lines(pdf)
    first = [n for n, lines in enumerate(pages) if any(text.startswith("一、本年新收") for text, _, _ in lines)]
    last = [n for n, lines in enumerate(pages) if any(text.startswith("四、结转下年度") for text, _, _ in lines)]
    assert len(first) == 1 and first == last, f"table 三 on pages {first} to {last}"
    for label in LONGEST_LABELS:
        shown_on = wrapped_lines(label, pages[first[0]])
        assert shown_on is not None and shown_on <= 3, f"{label!r} on {shown_on} lines"


class PublishedReportFiles(TestCase):
    """Every test reads the same stored files, rendered once for the class (rendering is what takes time)."""

    @classmethod
    def setUpTestData(cls):
        cls.files = publish_a_year()

    def stored(self, fmt: str) -> bytes:
        return self.files[fmt]

    def test_word_is_a4_in_gb_9704_style(self):
        document = Document(BytesIO(self.stored("docx")))
        section = document.sections[0]
        millimetres = [round(length / Mm(1)) for length in (section.page_width, section.page_height)]
        assert millimetres == [210, 297]
        assert [round(length / Mm(1)) for length in (section.top_margin, section.left_margin)] == [37, 28]
        normal = document.styles["Normal"]
        assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and normal.font.size == Pt(16)
        assert normal.paragraph_format.first_line_indent == Pt(32)
        title = document.paragraphs[0]
        assert title.text == "示范市教育局2025年政府信息公开工作年度报告"
        title_font = title.style.element.rPr.rFonts.get(qn("w:eastAsia"))
        assert title_font == "方正小标宋简体" and title.style.font.size == Pt(22)
        headings = [p for p in document.paragraphs if p.style.name == "报告一级标题"]
        assert [p.text[:2] for p in headings] == ["一、", "二、", "三、", "四、", "五、", "六、"]
        assert {str(p.style.font.color.rgb) for p in headings} == {"000000"} and not headings[0].style.font.bold
        footer = section.footer.paragraphs[0]._p.xml
        assert "— " in footer and " PAGE " in footer and " —" in footer

    def test_word_frames_the_report_with_preface_and_signature(self):
        texts = [p.text for p in Document(BytesIO(self.stored("docx"))).paragraphs]
        assert any("统计期限自2025年1月1日起至2025年12月31日止" in text for text in texts[1:4])
        assert texts[-2:] == ["示范市教育局", "2026年1月20日"]

    def test_word_table_three_has_wide_labels_narrow_figures_and_repeated_heads(self):
        document = Document(BytesIO(self.stored("docx")))
        table = next(t for t in document.tables if "申请人情况" in t.cell(0, 3).text)
        widths = [round(column.width / Mm(1)) for column in table.columns]
        assert widths[:3] == [12, 20, 47] and set(widths[3:]) == {11}
        heads = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in table.rows]
        assert heads[:3] == [True, True, True] and not any(heads[3:])

    def test_every_figure_in_word_equals_the_json(self):
        data = json.loads(self.stored("json"))
        document = Document(BytesIO(self.stored("docx")))
        section2, section3, section4 = document.tables
        assert [c.text for c in section2.rows[-1].cells] == ["行政事业性收费", FEES_WAN, FEES_WAN, FEES_WAN]  # merged
        assert data["section2"]["行政事业性收费"] == {"本年收费金额（单位：万元）": float(FEES_WAN)}
        assert [c.text for c in section2.rows[6].cells][:2] == ["行政许可", "120"]
        figures = [[int(cell.text) for cell in row.cells[3:]] for row in section3.rows[3:]]
        assert figures == section3_rows(data)
        expected4 = [value for kind in data["section4"].values() for value in kind.values()]
        assert [int(cell.text) for cell in section4.rows[3].cells] == expected4

    def test_excel_is_bordered_merged_wrapped_and_prints_a4_landscape_one_page_wide(self):
        workbook = load_workbook(BytesIO(self.stored("xlsx")))
        sheet = workbook["三 申请情况"]
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows == "$2:$4"
        assert {"A2:C4", "D2:J2", "E3:I3", "A7:A28"} <= {str(merged) for merged in sheet.merged_cells.ranges}
        label = next(cell for cell in sheet["C"] if cell.value == LONGEST_LABELS[1])
        assert label.alignment.wrap_text and label.alignment.horizontal == "left"
        assert all(getattr(label.border, side).style == "thin" for side in ("left", "right", "top", "bottom"))
        assert sheet.row_dimensions[label.row].height >= 30
        assert (sheet.column_dimensions["C"].width, sheet.column_dimensions["D"].width) == (40, 9)

    def test_every_figure_in_excel_equals_the_json_as_numbers(self):
        data = json.loads(self.stored("json"))
        workbook = load_workbook(BytesIO(self.stored("xlsx")))
        rows = list(workbook["三 申请情况"].iter_rows(min_row=5, min_col=4, values_only=True))
        assert [list(row) for row in rows] == section3_rows(data)
        fee = next(cell for row in workbook["二 主动公开"].iter_rows() for cell in row if cell.value == float(FEES_WAN))
        assert fee.number_format == "0.0000" and fee.data_type == "n"
        assert list(next(workbook["四 复议诉讼"].iter_rows(min_row=5, values_only=True))) == [
            value for kind in data["section4"].values() for value in kind.values()
        ]

    def test_the_html_file_and_the_pdf_print_the_fee_with_four_decimals(self):
        html = self.stored("html").decode()
        assert f'<td colspan="3">{FEES_WAN}</td>' in html
        text = "".join(page.extract_text() for page in PdfReader(BytesIO(self.stored("pdf"))).pages)
        assert FEES_WAN in text and "123457" not in text

    def test_the_pdf_lays_out_section_two_as_one_national_table(self):
        html = self.stored("html").decode()
        section2 = html[html.index('id="section-2"') : html.index('id="section-3"')]
        assert section2.count("<table") == 1 and section2.count("<tbody>") == 4

    def test_pdf_headings_break_only_between_words_and_table_three_fits_a_page(self):
        pdf = self.stored("pdf")
        save_pages(pdf, self._testMethodName, "pdf-page")
        pages = text_lines(pdf)
        table_pages = [
            n for n, lines in enumerate(pages) if any(text.startswith("一、本年新收") for text, _, _ in lines)
        ]
        assert len(table_pages) == 1
        assert any(text.startswith("四、结转下年度") for text, _, _ in pages[table_pages[0]])
        heads = [*SEGMENTS, "（三）不予公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]
        allowed = {*SECTION3_VALUE_COLUMNS, "行政复议", "行政诉讼", "信息内容"}.union(
            *(runs_of_pieces(words(head)) for head in heads)
        )
        for lines in pages:
            for text, _, _ in lines:
                broken = [head for head in heads if text in head and text not in allowed]
                assert not broken, f"{broken} broken as {text!r}"

    def test_the_pdf_body_is_a_serif_face_and_the_title_its_bold(self):
        reader = PdfReader(BytesIO(self.stored("pdf")))
        fonts = {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
        assert any(name.endswith("Noto-Serif-CJK-SC") for name in fonts)
        assert any(name.endswith("Noto-Serif-CJK-SC-Bold") for name in fonts)

    def test_word_printed_by_libreoffice_keeps_table_three_on_one_page(self):
        pdf = libreoffice_pdf(self.stored("docx"), "docx")
        save_pages(pdf, self._testMethodName, "word-page")
        _check_printed(pdf)
        assert len(PdfReader(BytesIO(pdf)).pages) <= 5

    def test_excel_printed_by_libreoffice_fits_each_table_on_one_page(self):
        pdf = libreoffice_pdf(self.stored("xlsx"), "xlsx")
        save_pages(pdf, self._testMethodName, "excel-page")
        _check_printed(pdf)
        reader = PdfReader(BytesIO(pdf))
        assert len(reader.pages) == 3
        assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)  # landscape
