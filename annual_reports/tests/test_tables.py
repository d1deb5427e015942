from datetime import date

from annual_reports.tables import (
    COLUMNS,
    SECTION3_ROWS,
    TOTAL,
    Entered,
    add_tables,
    build_tables,
    identity_failures,
    in_national_order,
    section2,
    section3,
    section4,
)
from applications.models import Application

from .conftest import make_appeal, make_application, make_fee, make_item


def expected_section3(cells: dict) -> dict:
    """A table of zeros with the given (row, column) cells set and the 总计 column summed."""
    table = {row: dict.fromkeys(COLUMNS, 0) for row in SECTION3_ROWS}
    for (row, column), value in cells.items():
        table[row][column] = value
    for row in table.values():
        row[TOTAL] = sum(row.values())
    return table


def test_section3_counts_every_cell_of_a_hand_made_year(year_of_applications):
    assert section3([year_of_applications.pk], 2025) == expected_section3(
        {
            ("本年新收政府信息公开申请数量", "自然人"): 2,
            ("本年新收政府信息公开申请数量", "科研机构"): 1,
            ("本年新收政府信息公开申请数量", "社会公益组织"): 1,
            ("本年新收政府信息公开申请数量", "法律服务机构"): 1,
            ("本年新收政府信息公开申请数量", "其他"): 1,
            ("上年结转政府信息公开申请数量", "自然人"): 1,
            ("上年结转政府信息公开申请数量", "商业企业"): 1,
            ("予以公开", "自然人"): 1,
            ("部分公开", "自然人"): 1,
            ("不予公开-属于国家秘密", "科研机构"): 1,
            ("其他处理-其他", "社会公益组织"): 1,
            ("其他处理-申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "法律服务机构"): 1,
            ("总计", "自然人"): 2,
            ("总计", "科研机构"): 1,
            ("总计", "社会公益组织"): 1,
            ("总计", "法律服务机构"): 1,
            ("结转下年度继续办理", "商业企业"): 1,
            ("结转下年度继续办理", "其他"): 1,
            ("结转下年度继续办理", "自然人"): 1,
        }
    )


def test_section3_rows_follow_the_national_order(year_of_applications):
    rows = list(section3([year_of_applications.pk], 2025))
    assert rows[:3] == ["本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "予以公开"]
    assert rows[-3:] == ["其他处理-其他", "总计", "结转下年度继续办理"]
    assert len(rows) == 25


def test_identity_holds_in_every_column_of_a_hand_made_year(year_of_applications):
    assert identity_failures(section3([year_of_applications.pk], 2025)) == []


def test_a_concluded_application_without_outcome_breaks_the_identity(bureau):
    make_application(bureau, date(2025, 2, 3), date(2025, 2, 10), "", applicant_type="commercial")
    assert identity_failures(section3([bureau.pk], 2025)) == ["商业企业", TOTAL]


def test_an_unconfirmed_online_application_is_not_counted(bureau):
    make_application(bureau, None, state=Application.State.SUBMITTED, channel="online")
    table = section3([bureau.pk], 2025)
    assert all(cell == 0 for row in table.values() for cell in row.values())


def test_section2_counts_rules_and_normative_documents_made_repealed_and_in_force(bureau):
    make_item(bureau, "rule", date(2025, 3, 1))
    make_item(bureau, "rule", date(2023, 3, 1), validity="repealed", changed_on=date(2025, 5, 1))
    make_item(bureau, "normative", date(2024, 6, 1))
    make_item(bureau, "normative", date(2025, 2, 1), validity="expired", changed_on=date(2025, 10, 1))
    make_item(bureau, "normative", date(2022, 2, 1), validity="repealed", changed_on=date(2026, 1, 10))
    make_item(bureau, "normative", date(2025, 4, 1), published=False)
    make_item(bureau, "other", date(2025, 4, 1))
    make_item(bureau, "rule", date(2026, 1, 2))
    table = section2([bureau.pk], 2025, Entered(licensing=12, penalty=3, enforcement=1, fees_wan=2.5))
    assert section2([bureau.pk], 2025)["行政许可"] == {"本年处理决定数量": None}
    assert table == {
        "规章": {"本年制发件数": 1, "本年废止件数": 1, "现行有效件数": 1},
        "行政规范性文件": {"本年制发件数": 1, "本年废止件数": 1, "现行有效件数": 2},
        "行政许可": {"本年处理决定数量": 12},
        "行政处罚": {"本年处理决定数量": 3},
        "行政强制": {"本年处理决定数量": 1},
        "行政事业性收费": {"本年收费金额（单位：万元）": 2.5},
    }


def test_section4_counts_cases_filed_in_the_year_by_their_state_at_the_year_end(bureau):
    make_appeal(bureau, "review", date(2025, 3, 1), "maintained", date(2025, 6, 1))
    make_appeal(bureau, "review", date(2025, 9, 1), "corrected", date(2026, 2, 1))
    make_appeal(bureau, "litigation_direct", date(2025, 10, 1))
    make_appeal(bureau, "litigation_after_review", date(2025, 4, 1), "other", date(2025, 11, 1))
    make_appeal(bureau, "review", date(2024, 12, 1), "corrected", date(2025, 2, 1))
    table = section4([bureau.pk], 2025)
    assert table["行政复议"] == {"结果维持": 1, "结果纠正": 0, "其他结果": 0, "尚未审结": 1, "总计": 2}
    assert table["行政诉讼-未经复议直接起诉"] == {"结果维持": 0, "结果纠正": 0, "其他结果": 0, "尚未审结": 1, "总计": 1}
    assert table["行政诉讼-复议后起诉"] == {"结果维持": 0, "结果纠正": 0, "其他结果": 1, "尚未审结": 0, "总计": 1}


def test_fees_count_what_was_paid_in_the_year(bureau):
    application = make_application(bureau, date(2025, 3, 3), date(2025, 4, 20), "1")
    make_fee(application, "300.00", date(2025, 4, 1))
    make_fee(application, "100.00", date(2026, 1, 6))
    make_fee(application, "50.00", None, notified_on=date(2025, 12, 1))
    assert build_tables([bureau.pk], 2025)["fees_yuan"] == 300.0
    typed = build_tables([bureau.pk], 2025, Entered(fees_wan=0.5))["section2"]["行政事业性收费"]
    assert typed == {"本年收费金额（单位：万元）": 0.5}


def test_a_withdrawn_application_counts_under_other_only_whatever_outcome_was_recorded(bureau):
    make_application(bureau, date(2025, 3, 3), date(2025, 3, 9), "1", state=Application.State.WITHDRAWN)
    table = section3([bureau.pk], 2025)
    assert table["予以公开"]["总计"] == 0
    assert table["其他处理-其他"]["总计"] == 1
    assert table["总计"]["总计"] == 1


def test_an_item_repealed_on_31_december_is_repealed_in_the_year_and_not_in_force(bureau):
    make_item(bureau, "rule", date(2020, 3, 1), validity="repealed", changed_on=date(2025, 12, 31))
    make_item(bureau, "rule", date(2020, 3, 1), validity="repealed", changed_on=date(2026, 1, 1))
    assert section2([bureau.pk], 2025)["规章"] == {"本年制发件数": 0, "本年废止件数": 1, "现行有效件数": 1}


def test_an_item_made_on_31_december_is_made_in_the_year_and_in_force(bureau):
    make_item(bureau, "normative", date(2025, 12, 31))
    make_item(bureau, "normative", date(2026, 1, 1))
    assert section2([bureau.pk], 2025)["行政规范性文件"] == {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 1}


def test_typed_figures_not_entered_stay_empty_and_add_as_zero():
    assert Entered() == Entered(licensing=None, penalty=None, enforcement=None, fees_wan=None)
    assert add_tables({"a": None, "b": 12.5}, {"a": 3, "b": 0.1}) == {"a": 3, "b": 12.6}


def test_a_kind_with_no_documents_shows_zeros_not_blanks(bureau, other_bureau):
    make_item(bureau, "rule", date(2025, 1, 1))
    make_item(other_bureau, "normative", date(2025, 1, 1))
    assert document_rows(bureau) == {
        "规章": {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 1},
        "行政规范性文件": {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0},
    }


def document_rows(organization, year=2025):
    table = section2([organization.pk], year)
    return {kind: table[kind] for kind in ("规章", "行政规范性文件")}


def test_an_application_withdrawn_before_staff_confirmed_it_is_not_counted(bureau):
    make_application(
        bureau, None, date(2025, 5, 6), "", state=Application.State.WITHDRAWN, channel="online", applicant_type="legal"
    )
    table = section3([bureau.pk], 2025)
    assert all(cell == 0 for row in table.values() for cell in row.values())


def test_a_case_with_a_conclusion_date_but_no_result_yet_is_pending(bureau, other_bureau):
    make_appeal(bureau, "review", date(2025, 3, 1), "pending", date(2025, 6, 1))
    make_appeal(other_bureau, "review", date(2025, 3, 1), "maintained", date(2025, 6, 1))
    none = {"结果维持": 0, "结果纠正": 0, "其他结果": 0, "尚未审结": 0, "总计": 0}
    assert section4([bureau.pk], 2025) == {
        "行政复议": none | {"尚未审结": 1, "总计": 1},
        "行政诉讼-未经复议直接起诉": none,
        "行政诉讼-复议后起诉": none,
    }


def test_an_application_recorded_under_other_handling_counts_there(bureau):
    make_application(bureau, date(2025, 2, 3), date(2025, 2, 10), "6.3", applicant_type="welfare")
    assert section3([bureau.pk], 2025)["其他处理-其他"] == dict.fromkeys(COLUMNS, 0) | {"社会公益组织": 1, TOTAL: 1}


def test_a_figure_not_yet_typed_adds_as_zero_on_either_side():
    first = {"licensing": None, "penalty": 3, "fee_wan": None, "fees_yuan": 0.0}
    second = {"licensing": 7, "penalty": None, "fee_wan": 2.5, "fees_yuan": 300.0}
    assert add_tables(first, second) == {"licensing": 7, "penalty": 3, "fee_wan": 2.5, "fees_yuan": 300.0}
    assert add_tables(second, first) == {"licensing": 7, "penalty": 3, "fee_wan": 2.5, "fees_yuan": 300.0}


def sorted_keys(value):
    """What PostgreSQL's jsonb gives back: the same values, keys sorted."""
    if not isinstance(value, dict):
        return value
    return {key: sorted_keys(value[key]) for key in sorted(value)}


def test_tables_read_back_from_json_are_listed_in_the_national_order(bureau):
    tables = build_tables([bureau.pk], 2025)
    # Keys the layout does not know (an older snapshot's) come last, in the order they came.
    tables["section2"]["其他文件"] = {"本年制发件数": 1}
    tables["archived"] = {"b": 1, "a": 2}
    ordered = in_national_order(sorted_keys(tables))
    assert list(ordered) == ["section2", "section3", "section4", "fees_yuan", "archived"]
    assert list(ordered["section2"]) == [
        *("规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"),
        "其他文件",
    ]
    assert list(ordered["section2"]["规章"]) == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert list(ordered["section3"]) == SECTION3_ROWS
    assert list(ordered["section3"]["予以公开"]) == [*COLUMNS, TOTAL]
    assert list(ordered["section4"]) == ["行政复议", "行政诉讼-未经复议直接起诉", "行政诉讼-复议后起诉"]
    assert list(ordered["section4"]["行政复议"]) == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert ordered == tables
