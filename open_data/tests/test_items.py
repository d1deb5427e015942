"""GET /api/v1/items/ and /api/v1/items/<id>/: published items only, the catalog's filters, cursor pages."""

from datetime import date

from catalog.models import Category, Item
from catalog.services import repeal_item, return_item, save_item, submit_item

from .conftest import get_json


def test_a_published_item_is_listed_with_its_catalog_metadata(client, bureau, make_item):
    item = make_item(bureau, "关于印发《示范市教育收费管理办法》的通知", document_number="示教发〔2026〕3号")
    [listed] = get_json(client, "/api/v1/items/")["results"]
    assert listed == {
        "id": item.pk,
        "index_number": item.index_number,
        "title": "关于印发《示范市教育收费管理办法》的通知",
        "document_number": "示教发〔2026〕3号",
        "organization": {"id": bureau.pk, "name": "示范市教育局"},
        "category": {"id": item.category_id, "name": "通知公告"},
        "topic": None,
        "document_type": None,
        "written_on": "2025-12-01",
        "published_on": "2026-03-02",
        "validity": "valid",
        "validity_label": "有效",
        "validity_changed_on": None,
        "url": f"http://testserver/catalog/{item.pk}/",
        "api_url": f"http://testserver/api/v1/items/{item.pk}/",
    }
    assert item.index_number.startswith("11100000TEST0002/2026-")


def test_drafts_and_items_in_review_never_appear(client, bureau, make_item, editor):
    make_item(bureau, "已发布的通知")
    draft = make_item(bureau, "草稿：尚未审核的通知", on=None)
    returned = submit_item(make_item(bureau, "被退回的通知", on=None), None)
    return_item(returned, None, reason="数据需要核实")
    body = client.get("/api/v1/items/").content.decode()
    assert "已发布的通知" in body and "草稿" not in body and "被退回" not in body
    assert client.get(f"/api/v1/items/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/items/{returned.pk}/").json() == {"detail": "没有找到。"}


def test_staff_fields_of_a_published_item_never_appear(client, bureau, make_item):
    item = submit_item(make_item(bureau, "再次提交后发布的通知", on=None), None)
    item = return_item(item, None, reason="请删除第三段中的内部电话")
    from catalog.services import publish_item

    item = publish_item(submit_item(item, None), None, published_on=date(2026, 3, 4))
    detail = client.get(f"/api/v1/items/{item.pk}/").content.decode()
    listed = client.get("/api/v1/items/").content.decode()
    for text in (detail, listed):
        assert "再次提交后发布的通知" in text
        assert "内部电话" not in text and "return_reason" not in text and "state" not in text
        assert "view_count" not in text and "reviewed" not in text


def test_one_item_carries_its_body_attachments_and_links(client, public_site, bureau, make_item):
    item = public_site["item"]
    interpretation = make_item(bureau, "《开学工作通知》政策解读", interprets=item)
    data = get_json(client, f"/api/v1/items/{item.pk}/")
    assert data["body_html"] == "各学校：请做好开学准备。" or "各学校：请做好开学准备。" in data["body_html"]
    assert data["summary"] == "开学工作安排。" and data["source"] == "示范市教育局"
    [attachment] = data["attachments"]
    assert attachment["name"] == "开学安排.pdf" and attachment["kind"] == "PDF"
    assert attachment["url"] == f"http://testserver/attachments/{item.attachments.get().pk}/"
    assert client.get(attachment["url"]).status_code == 200
    assert data["interpretations"] == [
        {
            "id": interpretation.pk,
            "title": "《开学工作通知》政策解读",
            "url": f"http://testserver/catalog/{interpretation.pk}/",
        }
    ]
    assert get_json(client, f"/api/v1/items/{interpretation.pk}/")["interprets"][0]["id"] == item.pk


def test_a_repealed_item_says_so_with_its_date(client, bureau, make_item):
    item = repeal_item(make_item(bureau, "旧办法"), None, on=date(2026, 6, 30))
    data = get_json(client, f"/api/v1/items/{item.pk}/")
    assert (data["validity"], data["validity_label"], data["validity_changed_on"]) == ("repealed", "废止", "2026-06-30")


def test_the_catalog_filters_apply_with_subtrees(client, city, bureau, other_bureau, make_item):
    ours = make_item(bureau, "教育局通知")
    theirs = make_item(other_bureau, "民政局动态", category="work-news", on=date(2025, 12, 31))
    make_item(city, "市政府通知", on=date(2026, 1, 1))

    def titles(query: str) -> list[str]:
        return [row["title"] for row in get_json(client, f"/api/v1/items/?{query}")["results"]]

    assert titles(f"organization={bureau.pk}") == ["教育局通知"]
    assert titles(f"organization={city.pk}") == ["教育局通知", "市政府通知", "民政局动态"]
    assert titles(f"category={Category.objects.get(slug='work-news').pk}") == ["民政局动态"]
    assert titles("year=2025") == ["民政局动态"]
    assert titles("year=2026&validity=valid") == ["教育局通知", "市政府通知"]
    assert ours.pk != theirs.pk


def test_a_filter_value_that_does_not_exist_is_explained_in_chinese(client, bureau, make_item):
    make_item(bureau)
    response = client.get("/api/v1/items/?organization=999999")
    assert response.status_code == 400
    assert response.json()["detail"] == "筛选条件不正确：organization。"
    response = client.get("/api/v1/items/?limit=101")
    assert response.status_code == 400 and response.json()["detail"] == "请求参数不正确：limit。"
    response = client.get("/api/v1/items/?cursor=not-a-cursor")
    assert response.status_code == 400 and "cursor 参数无效" in response.json()["detail"]


def walk(client, url: str) -> list[int]:
    seen = []
    while url:
        page = get_json(client, url)
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    return seen


def test_cursor_pages_cover_every_item_once_when_items_share_a_date(client, bureau, make_item):
    days = [date(2026, 3, 2)] * 7 + [date(2026, 3, 1)] * 5 + [date(2025, 12, 31)] * 3
    made = [make_item(bureau, f"通知{n}", on=day).pk for n, day in enumerate(days)]
    seen = walk(client, "/api/v1/items/?limit=4")
    assert len(seen) == len(set(seen)) == 15
    assert seen == [item.pk for item in Item.objects.published().order_by("-published_on", "-pk")]
    assert set(seen) == set(made)


def test_cursor_pages_stay_exact_while_items_are_published(client, bureau, make_item):
    before = [make_item(bureau, f"通知{n}", on=date(2026, 3, 2)).pk for n in range(6)]
    first = get_json(client, "/api/v1/items/?limit=2")
    seen = [row["id"] for row in first["results"]]
    make_item(bureau, "翻页期间发布：同一天", on=date(2026, 3, 2))
    make_item(bureau, "翻页期间发布：更晚", on=date(2026, 3, 5))
    seen += walk(client, first["next"])
    assert sorted(seen) == sorted(before) and len(seen) == len(set(seen))


def test_the_next_link_keeps_the_filters(client, bureau, other_bureau, make_item):
    for n in range(3):
        make_item(bureau, f"教育局通知{n}")
        make_item(other_bureau, f"民政局通知{n}")
    first = get_json(client, f"/api/v1/items/?organization={bureau.pk}&limit=2")
    assert f"organization={bureau.pk}" in first["next"]
    rest = get_json(client, first["next"])
    assert [row["title"] for row in rest["results"]] == ["教育局通知0"] and rest["next"] is None


def test_an_edit_of_a_published_item_shows_at_once(client, bureau, make_item):
    item = make_item(bureau, "原标题")
    item.title = "更正后的标题"
    save_item(item, None)
    assert get_json(client, f"/api/v1/items/{item.pk}/")["title"] == "更正后的标题"


def test_a_write_is_refused_in_chinese_json_saying_what_is_allowed(client, db):
    response = client.post("/api/v1/items/")
    assert response.status_code == 405 and response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "本接口只读，只接受 GET 和 HEAD 请求。"} and "GET" in response["Allow"]
