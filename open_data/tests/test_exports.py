"""Bulk exports: the catalog in CSV and JSON for any filter state, the statistics in CSV; streamed."""

import csv
import io
import json
from datetime import date

from catalog.models import Category

from .conftest import streamed_text


def csv_table(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = streamed_text(response)
    assert text.startswith("\ufeff"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_csv_export_has_every_field_of_each_item(client, bureau, make_item):
    item = make_item(bureau, "关于调整学生资助标准的通知", document_number="示教发〔2026〕9号", on=date(2026, 3, 9))
    header, row = csv_table(client.get("/api/v1/exports/items.csv"))
    assert header == [
        "索引号",
        "标题",
        "文号",
        "发布机构",
        "信息分类",
        "主题分类",
        "文种",
        "成文日期",
        "发布日期",
        "有效性",
        "废止或失效日期",
        "网址",
    ]
    assert row == [
        item.index_number, "关于调整学生资助标准的通知", "示教发〔2026〕9号", "示范市教育局", "通知公告", "", "",
        "2025-12-01", "2026-03-09", "有效", "", f"http://testserver/catalog/{item.pk}/",
    ]  # fmt: skip


def test_a_formula_like_title_stays_text_in_the_csv(client, bureau, make_item):
    make_item(bureau, '=HYPERLINK("http://evil.example","点此")')
    [_, row] = csv_table(client.get("/api/v1/exports/items.csv"))
    assert row[1] == '\'=HYPERLINK("http://evil.example","点此")'


def test_the_export_applies_the_catalog_filters_and_keeps_the_date_order(client, bureau, other_bureau, make_item):
    make_item(bureau, "教育局旧通知", on=date(2026, 1, 2))
    make_item(bureau, "教育局新通知", on=date(2026, 3, 2))
    make_item(other_bureau, "民政局动态", category="work-news")
    rows = csv_table(client.get(f"/api/v1/exports/items.csv?organization={bureau.pk}"))
    assert [row[1] for row in rows[1:]] == ["教育局新通知", "教育局旧通知"]
    news = Category.objects.get(slug="work-news").pk
    records = json.loads(streamed_text(client.get(f"/api/v1/exports/items.json?category={news}")))
    assert [record["title"] for record in records] == ["民政局动态"]
    assert records[0]["organization"] == "示范市民政局" and records[0]["published_on"] == "2026-03-02"


def test_the_json_export_is_an_array_of_records(client, bureau, make_item):
    items = [make_item(bureau, f"通知{n}") for n in range(3)]
    response = client.get("/api/v1/exports/items.json")
    assert response.streaming and response["Content-Type"] == "application/json; charset=utf-8"
    records = json.loads(streamed_text(response))
    assert [record["id"] for record in records] == [item.pk for item in reversed(items)]
    assert set(records[0]) == {
        "id", "index_number", "title", "document_number", "organization", "category", "topic", "document_type",
        "written_on", "published_on", "validity", "validity_changed_on", "url",
    }  # fmt: skip


def test_a_draft_is_never_exported(client, bureau, make_item):
    make_item(bureau, "尚未审核的草稿", on=None)
    assert "尚未审核的草稿" not in streamed_text(client.get("/api/v1/exports/items.csv"))
    assert json.loads(streamed_text(client.get("/api/v1/exports/items.json"))) == []


def test_an_export_with_an_unknown_filter_value_explains_it(client, db):
    response = client.get("/api/v1/exports/items.csv?category=999999")
    assert response.status_code == 400 and response.json()["detail"] == "筛选条件不正确：category。"


def test_the_statistics_csv_has_the_yearly_totals_and_the_years_figures(client, bureau, make_item):
    make_item(bureau, "2025年的通知", on=date(2025, 12, 31))
    make_item(bureau, "2026年的通知", on=date(2026, 1, 1))
    rows = csv_table(client.get(f"/api/v1/exports/statistics.csv?organization={bureau.pk}&year=2025"))
    assert rows[0] == ["年份", "指标", "分项", "数值"]
    assert ["2025", "主动公开信息", "合计", "1"] in rows and ["2026", "主动公开信息", "合计", "1"] in rows
    assert ["2025", "主动公开信息（按信息分类）", "通知公告", "1"] in rows
    assert ["2025", "收到申请（按月份）", "12月", "0"] in rows


def test_the_catalog_list_links_to_the_export_of_its_filter_state(client, bureau, make_item):
    make_item(bureau)
    html = client.get(f"/catalog/?organization={bureau.pk}&page=1").content.decode()
    assert f'href="/api/v1/exports/items.csv?organization={bureau.pk}"' in html
    assert f'href="/api/v1/exports/items.json?organization={bureau.pk}"' in html
