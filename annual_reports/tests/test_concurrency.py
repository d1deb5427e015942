"""Two reviewers pressing 确认发布 at the same moment on PostgreSQL: one publication, one clear refusal."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from annual_reports import services
from annual_reports.models import AnnualReport, ReportEvent
from catalog.transitions import NotAllowedNow

from .conftest import fill_in

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
DAY = date(2026, 1, 20)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")


def test_two_reviewers_publishing_at_once_publish_once(
    year_of_applications, editor, reviewer, second_reviewer, quick_pdf
):
    report = fill_in(services.generate_report(year_of_applications, 2025, by=editor))
    outcomes, barrier = [], threading.Barrier(2)

    def publish(user):
        barrier.wait()
        try:
            services.publish_report(AnnualReport.objects.get(pk=report.pk), by=user, today=DAY)
            outcomes.append("published")
        except NotAllowedNow as refused:
            outcomes.append(str(refused))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(user,)) for user in (reviewer, second_reviewer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["published", "这份年度报告当前为“已发布”，不能发布年度报告。"]
    assert ReportEvent.objects.filter(report=report, kind=ReportEvent.Kind.PUBLISHED).count() == 1
