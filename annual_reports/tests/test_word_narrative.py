"""The narrative in the Word export reads as on the web page: its tables stay tables, its lists keep their numbers."""

from io import BytesIO

import pytest
from docx import Document

from annual_reports import services
from annual_reports.exports import export

pytestmark = pytest.mark.django_db


def word(report):
    return Document(BytesIO(export(report, "docx").content))


def test_a_table_in_the_narrative_is_a_table_in_word(bureau):
    report = services.generate_report(bureau, 2025)
    report.overview = (
        "<table><tr><th>类别</th><th>条数</th><th>比上年增加</th></tr>"
        "<tr><td>通知公告</td><td>15</td><td>3</td></tr>"
        '<tr><td colspan="2">合计</td><td>3</td></tr></table><p>表后的段落。</p>'
    )
    report.save()
    document = word(report)
    table = next(table for table in document.tables if table.cell(0, 0).text == "类别")
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["类别", "条数", "比上年增加"],
        ["通知公告", "15", "3"],
        ["合计", "合计", "3"],  # python-docx names a merged cell once per column it covers
    ]
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "表后的段落。" in texts and not [text for text in texts if "通知公告15" in text]


def test_a_cell_spanning_rows_moves_the_cells_below_it_right(bureau):
    report = services.generate_report(bureau, 2025)
    report.overview = '<table><tr><td rowspan="2">政策文件</td><td>规章</td></tr><tr><td>规范性文件</td></tr></table>'
    report.save()
    table = next(table for table in word(report).tables if table.cell(0, 0).text == "政策文件")
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["政策文件", "规章"],
        ["政策文件", "规范性文件"],
    ]


def test_list_items_keep_their_numbers_and_bullets(bureau):
    report = services.generate_report(bureau, 2025)
    report.problems = "<ol><li>加强业务培训。</li><li><p>完善办理台账。</p></li></ol><ul><li>按季度自查。</li></ul>"
    report.save()
    texts = [paragraph.text for paragraph in word(report).paragraphs]
    assert [text for text in texts if text.endswith(("培训。", "台账。", "自查。"))] == [
        "1. 加强业务培训。",
        "2. 完善办理台账。",
        "• 按季度自查。",
    ]
