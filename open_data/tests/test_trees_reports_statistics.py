"""Organizations, categories and topics as trees; a body's annual reports; the public statistics."""

import json
from datetime import date

from catalog.models import Category

from .conftest import get_json


def test_organizations_come_as_a_tree(client, city, bureau, other_bureau):
    [root] = get_json(client, "/api/v1/organizations/")
    assert (root["name"], root["code"]) == ("示范市人民政府", "11100000TEST0001")
    assert [child["name"] for child in root["children"]] == ["示范市教育局", "示范市民政局"]
    assert root["children"][0] == {
        "id": bureau.pk, "name": "示范市教育局", "short_name": "市教育局", "code": "11100000TEST0002", "children": [],
    }  # fmt: skip


def test_categories_come_as_the_catalogs_tree(client, db):
    tree = get_json(client, "/api/v1/categories/")
    notices = Category.objects.get(slug="notices")
    flat = {node["slug"]: node for top in tree for node in [top, *top["children"]]}
    assert flat["notices"]["name"] == notices.name
    assert len(tree) == Category.objects.filter(parent=None).count()
    assert get_json(client, "/api/v1/topics/")


def test_a_bodys_published_reports_and_their_frozen_json(client, report_site, bureau, make_item):
    report = report_site["report"]
    [listed] = get_json(client, f"/api/v1/organizations/{bureau.pk}/annual-reports/")
    assert (listed["id"], listed["year"], listed["consolidated"], listed["superseded"]) == (
        report.pk,
        2025,
        False,
        False,
    )
    assert listed["published_on"] == "2026-01-20"
    assert listed["downloads"]["pdf"] == f"http://testserver/reports/{report.pk}/download/pdf/"
    data = get_json(client, listed["api_url"])
    downloaded = json.loads(b"".join(client.get(f"/reports/{report.pk}/download/json/").streaming_content))
    assert data == downloaded
    assert data["organization"] == bureau.code and data["year"] == 2025


def test_draft_reports_are_not_found(client, year_draft):
    assert get_json(client, f"/api/v1/organizations/{year_draft.organization_id}/annual-reports/") == []
    response = client.get(f"/api/v1/annual-reports/{year_draft.pk}/")
    assert response.status_code == 404 and response.json() == {"detail": "没有找到。"}


def test_statistics_of_a_body_and_a_year(client, bureau, other_bureau, make_item):
    make_item(bureau, "2025年最后一天的通知", on=date(2025, 12, 31))
    make_item(bureau, "2026年第一天的通知", on=date(2026, 1, 1))
    make_item(other_bureau, "民政局通知", on=date(2025, 6, 1))
    data = get_json(client, f"/api/v1/statistics/?organization={bureau.pk}&year=2025")
    assert data["organization"] == {"id": bureau.pk, "name": "示范市教育局"}
    assert data["figures"]["items_published"] == 1 and data["figures"]["items_by_category"] == {"通知公告": 1}
    assert data["yearly_totals"] == [
        {"year": 2025, "received": 0, "concluded": 0, "items": 1},
        {"year": 2026, "received": 0, "concluded": 0, "items": 1},
    ]
    assert get_json(client, "/api/v1/statistics/?year=2025")["figures"]["items_published"] == 2


def test_statistics_of_an_unknown_body_or_year_are_refused_in_chinese(client, db):
    assert client.get("/api/v1/statistics/?organization=999999").json() == {"detail": "没有找到。"}
    response = client.get("/api/v1/statistics/?year=1999")
    assert response.status_code == 400 and response.json()["detail"] == "请求参数不正确：year。"
