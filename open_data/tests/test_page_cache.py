"""API answers are kept by the page cache like public pages, and the changes they show make them fresh."""

from datetime import date

import pytest

from annual_reports.models import AnnualReport
from catalog.services import save_item
from tests.factories import new_item


@pytest.fixture
def item(page_cache, bureau, committed):
    with committed():
        return new_item(bureau)


def outcome(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response["X-Page-Cache"]


def cached_twice(client, *urls: str) -> None:
    for url in urls:
        outcome(client, url)
        assert outcome(client, url) == "hit", url


def test_a_publication_refreshes_the_item_lists_and_statistics(client, item, bureau, committed):
    urls = ["/api/v1/items/", f"/api/v1/items/?organization={bureau.pk}", "/api/v1/statistics/?year=2026"]
    cached_twice(client, *urls, "/api/v1/categories/")
    with committed():
        new_item(bureau, title="关于做好秋季防火工作的通知", on=date(2026, 3, 9))
    assert [outcome(client, url) for url in urls] == ["miss"] * 3
    assert client.get("/api/v1/items/").json()["results"][0]["title"] == "关于做好秋季防火工作的通知"
    assert outcome(client, "/api/v1/categories/") == "hit"


def test_an_edit_refreshes_the_items_own_answer(client, item, committed):
    url = f"/api/v1/items/{item.pk}/"
    cached_twice(client, url)
    item.title = "关于做好防汛防台工作的通知"
    with committed():
        save_item(item, None)
    assert outcome(client, url) == "miss"
    assert client.get(url).json()["title"] == "关于做好防汛防台工作的通知"


def test_a_cached_answer_still_answers_304(client, item):
    cached_twice(client, "/api/v1/items/")
    etag = client.get("/api/v1/items/")["ETag"]
    assert client.get("/api/v1/items/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_published_report_refreshes_the_report_lists(client, item, bureau, committed, editor, reviewer, monkeypatch):
    from annual_reports import services
    from annual_reports.tests.conftest import fill_in

    monkeypatch.setattr("annual_reports.exports.pdf.render_pdf", lambda report, figures: b"%PDF-1.4\n%%EOF\n")
    url = f"/api/v1/organizations/{bureau.pk}/annual-reports/"
    cached_twice(client, url)
    assert client.get(url).json() == []
    with committed():
        services.publish_report(
            fill_in(services.generate_report(bureau, 2025, by=editor)), by=reviewer, today=date(2026, 1, 20)
        )
    assert outcome(client, url) == "miss"
    [listed] = client.get(url).json()
    assert listed["id"] == AnnualReport.objects.get().pk


def test_exports_are_streamed_and_never_stored(client, item):
    for _ in range(2):
        response = client.get("/api/v1/exports/items.csv")
        assert response.streaming and "X-Page-Cache" not in response
