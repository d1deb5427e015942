"""Open-data fixtures: published items through the catalog's services, and the planted-data portal."""

from datetime import date

import pytest


def get_json(client, url: str, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.content[:300])
    return response.json()


def streamed_text(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def make_item(make_item):
    """The root `make_item`, said the open-data way: published on `on`, or a draft when `on` is None."""

    def make(organization, title="关于做好防汛工作的通知", *, on=date(2026, 3, 2), **fields):
        fields.setdefault("written_on", min(on or date.max, date(2025, 12, 1)))
        if on is None:
            return make_item(organization, title=title, **fields)
        return make_item(organization, state="published", title=title, published_on=on, **fields)

    return make


@pytest.fixture
def public_site(city, bureau, editor):
    from tests.conftest import make_public_site

    return make_public_site(city, bureau)


@pytest.fixture
def report_site(public_site, bureau, editor, reviewer, make_item, quick_pdf):
    """The planted-data portal with a second item and the bureau's published annual report for 2025."""
    from annual_reports import services
    from annual_reports.tests.conftest import fill_in

    make_item(bureau, "关于2026年学生资助政策的公告", on=date(2026, 3, 3))
    report = fill_in(services.generate_report(bureau, 2025, by=editor))
    return public_site | {"report": services.publish_report(report, by=reviewer, today=date(2026, 1, 20))}


@pytest.fixture
def year_draft(bureau, editor):
    """The bureau's annual report for 2025, generated but not published."""
    from annual_reports import services

    return services.generate_report(bureau, 2025, by=editor)
